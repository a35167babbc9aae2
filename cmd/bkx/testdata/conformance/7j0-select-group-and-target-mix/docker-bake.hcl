group "default" {
  targets = ["a"]
}
group "g1" {
  targets = ["a", "b"]
}
group "g2" {
  targets = ["b", "c", "g1"]
  description = "second"
}
group "empty" {
  targets = []
}
target "a" {
  tags = ["a"]
}
target "b" {
  tags = ["b"]
}
target "c" {
  tags = ["c"]
}
target "g-target" {
  tags = ["gt"]
}
