target "app" {}
target "app-x" {}
