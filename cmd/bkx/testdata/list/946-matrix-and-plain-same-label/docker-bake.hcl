target "app" {
  name = "app-${env}"
  matrix = { env = ["dev", "prod"] }
  tags = ["app:${env}"]
}
target "app" {
  args = { X = "1" }
}
