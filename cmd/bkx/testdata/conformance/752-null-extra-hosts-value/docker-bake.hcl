target "default" {
  extra-hosts = { a = null, b = "1.2.3.4" }
}
