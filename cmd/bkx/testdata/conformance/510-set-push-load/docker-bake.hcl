target "img" { output = ["type=image,name=x"] }
target "none" {}
target "dock" { output = ["type=docker"] }
target "loc" { output = ["type=local,dest=out"] }
target "reg" { output = ["type=registry"] }
