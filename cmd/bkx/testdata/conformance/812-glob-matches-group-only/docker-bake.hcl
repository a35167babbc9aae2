group "gone" { targets = ["x"] }
group "gtwo" { targets = ["y", "x"] }
target "x" {}
target "y" {}
target "z" {}
