target "default" {
  extra-hosts = ["a=1.2.3.4"]
}
