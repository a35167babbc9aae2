target "default" {
  extra-hosts = { "bad host" = "" }
}
