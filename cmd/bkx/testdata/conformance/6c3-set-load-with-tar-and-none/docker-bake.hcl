target "a" { output = ["type=tar,dest=o.tar"] }
target "b" {}
