target "api-test" {
  inherits = ["api"]
  target   = "test"
}
