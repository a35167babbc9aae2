target "default" {
  output = [
    { type = "image", push = true, compression-level = 3, oci-mediatypes = false, name = "a" },
  ]
}
