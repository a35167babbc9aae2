target "app-a" {}
target "app-b" {}
