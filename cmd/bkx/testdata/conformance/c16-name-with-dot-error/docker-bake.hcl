target "a.b" {}
target "app" {}
