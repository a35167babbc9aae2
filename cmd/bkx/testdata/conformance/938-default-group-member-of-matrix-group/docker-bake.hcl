group "default" { targets = ["svc"] }
group "release" { targets = ["default", "svc-b"] }
target "svc" {
  name = "svc-${x}"
  matrix = { x = ["a", "b"] }
  tags = ["svc:${x}"]
}
