target "default" {
  output = [
    "type=image,name=a/b:1,push=true",
    "type=docker,dest=img.tar",
    { type = "local", dest = "out" },
    "type=cacheonly",
  ]
}
