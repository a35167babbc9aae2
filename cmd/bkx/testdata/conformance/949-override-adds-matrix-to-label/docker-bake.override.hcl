target "app" {
  name = "app-${env}"
  matrix = { env = ["prod", "staging"] }
  args = { ENV = upper(env) }
}
