target "_base" {
  args = { A = "1" }
  tags = ["base"]
}
target "_tools" {
  inherits = ["_base"]
  target = "tools"
}
target "app" {
  inherits = ["_base"]
}
group "default" {
  targets = ["app", "_tools"]
}
group "_internal" {
  targets = ["_base"]
}
