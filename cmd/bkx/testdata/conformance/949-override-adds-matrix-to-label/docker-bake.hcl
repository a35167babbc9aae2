group "default" { targets = ["app"] }
target "app" {
  name = "app-${env}"
  matrix = { env = ["dev", "prod"] }
  tags = ["app:${env}"]
}
