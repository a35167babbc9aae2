group "g-one" { targets = ["a"] }
group "g-two" { targets = ["b", "c"] }
target "a" {}
target "b" {}
target "c" {}
target "g-three" { tags = ["t"] }
