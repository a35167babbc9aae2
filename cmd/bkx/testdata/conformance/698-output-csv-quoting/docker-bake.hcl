target "default" {
  output = [
    "type=image,\"name=acme/a:1,acme/a:2\",push=true",
    "type=local,dest=./out dir",
  ]
}
