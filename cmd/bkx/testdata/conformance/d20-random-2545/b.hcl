target "app" {
  no-cache = true
  secret = []
  dockerfile-inline = V2
}
