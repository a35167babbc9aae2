target "a" { output = ["type=image,name=x"] }
