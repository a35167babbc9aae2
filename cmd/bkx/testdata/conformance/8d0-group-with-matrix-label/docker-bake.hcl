group "default" { targets = ["img", "other"] }
target "img" {
  name = "img-${os}"
  matrix = { os = ["alpine", "debian"] }
  args = { OS = os }
}
target "other" {}
