target "default" {
  ssh = [null]
}
