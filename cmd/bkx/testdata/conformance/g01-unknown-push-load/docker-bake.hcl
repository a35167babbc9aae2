target "default" {
  tags = ["acme/app:dev"]
  push = true
  load = true
}
