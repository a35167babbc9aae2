target "default" {
  description = null
}
