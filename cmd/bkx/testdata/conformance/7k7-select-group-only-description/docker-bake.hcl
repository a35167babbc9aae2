group "default" {
  description = "nothing here"
}
target "t" {}
