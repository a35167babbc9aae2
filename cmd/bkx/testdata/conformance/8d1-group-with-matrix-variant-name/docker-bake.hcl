group "default" { targets = ["img-debian"] }
target "img" {
  name = "img-${os}"
  matrix = { os = ["alpine", "debian"] }
  args = { OS = os }
}
