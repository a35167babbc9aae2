target "äpp" {}
target "app" {}
