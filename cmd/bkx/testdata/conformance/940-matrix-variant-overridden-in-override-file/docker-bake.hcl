target "app" {
  name = "app-${env}"
  matrix = { env = ["dev", "prod"] }
  tags = ["app:${env}"]
  args = { ENV = env }
}
group "default" { targets = ["app"] }
