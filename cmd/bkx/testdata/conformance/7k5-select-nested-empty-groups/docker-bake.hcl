group "default" {
  targets = ["e1"]
}
group "e1" {
  targets = ["e2"]
}
group "e2" {
  targets = []
}
target "t" {}
