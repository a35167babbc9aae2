group "default" {
  targets = ["g1", "g2", "a"]
}
group "g1" { targets = ["a", "b"] }
group "g2" { targets = ["g1", "c"] }
target "a" {}
target "b" {}
target "c" {}
