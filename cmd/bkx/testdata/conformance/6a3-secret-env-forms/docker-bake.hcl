target "default" {
  secret = [
    "id=token,env=GH_TOKEN",
    "type=env,id=aws,env=AWS_KEY",
    { id = "npm", env = "NPM_TOKEN" },
  ]
}
