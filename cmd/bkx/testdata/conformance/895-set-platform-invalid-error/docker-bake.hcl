target "default" {}
