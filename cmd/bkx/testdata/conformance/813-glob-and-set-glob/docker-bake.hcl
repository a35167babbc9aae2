target "app-1" {}
target "app-2" {}
target "lib" {}
