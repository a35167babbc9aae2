target "deps" {
  name = "deps-${replace(py, ".", "")}"
  matrix = { py = ["3.12", "3.13"] }
  args = { PY = py }
  target = "deps"
}
target "app" {
  name = "app-py${replace(py, ".", "")}"
  matrix = { py = ["3.12", "3.13"] }
  contexts = { deps = "target:deps-${replace(py, ".", "")}" }
  tags = ["app:py${py}"]
}
group "default" { targets = ["app"] }
