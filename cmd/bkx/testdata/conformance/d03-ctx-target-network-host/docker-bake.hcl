target "app" {
  contexts = { ctx = "target:api" }
}
target "api" {
  network = "host"
}
