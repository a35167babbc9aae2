target "app" {
  args = { X = "1" }
}
target "app" {
  name = "app-${env}"
  matrix = { env = ["dev", "prod"] }
  tags = ["app:${env}"]
}
