target "t" {
  name = "renamed"
}
