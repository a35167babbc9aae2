target "äpp" {}
