target "app" {
  name = "app-${env}"
  matrix = { env = ["dev", "prod"] }
  tags = ["app:${env}"]
}
target "app" {
  name = "app-${env}"
  matrix = { env = ["dev", "qa"] }
  args = { X = env }
}
