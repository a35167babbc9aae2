target "default" {
  ssh = null
}
