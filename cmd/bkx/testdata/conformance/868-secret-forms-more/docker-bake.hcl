target "default" {
  secret = [
    "id=token,env=GH_TOKEN",
    "id=aws,src=aws.cfg",
    "id=npm,type=file,src=npmrc",
    { id = "obj", env = "OBJ" },
  ]
}
