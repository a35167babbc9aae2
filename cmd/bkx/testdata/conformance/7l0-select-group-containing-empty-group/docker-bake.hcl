group "e2" {
  targets = []
}
group "e3" {
  targets = ["e2", "t"]
}
target "t" {}
