target "app" {
  name = "app-${env}"
  matrix = { env = ["dev", "prod"] }
  tags = ["app:${env}"]
}
group "default" { targets = ["app"] }
