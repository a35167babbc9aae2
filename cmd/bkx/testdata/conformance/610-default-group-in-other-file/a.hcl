target "x" { tags = ["x"] }
target "y" {}
