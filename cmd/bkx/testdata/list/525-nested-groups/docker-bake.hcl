group "default" { targets = ["g1", "t0"] }
group "g1" {
  description = "first"
  targets = ["g2", "t1"]
}
group "g2" { targets = ["t2", "t1"] }
target "t0" {}
target "t1" {}
target "t2" {}
