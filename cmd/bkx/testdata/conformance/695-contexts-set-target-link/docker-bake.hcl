target "dep" {}
target "app" {}
