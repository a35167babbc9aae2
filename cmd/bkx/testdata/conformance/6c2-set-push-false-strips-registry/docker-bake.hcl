target "a" { output = ["type=registry", "type=docker"] }
target "b" { output = ["type=image,push=true,name=x"] }
