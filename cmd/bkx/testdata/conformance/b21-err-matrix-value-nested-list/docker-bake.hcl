target "app" {
  name = "app-${v[0]}"
  matrix = { v = [["a"], ["b"]] }
}
