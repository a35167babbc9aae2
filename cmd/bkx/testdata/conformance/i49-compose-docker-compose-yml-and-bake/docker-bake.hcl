target "other" {}
