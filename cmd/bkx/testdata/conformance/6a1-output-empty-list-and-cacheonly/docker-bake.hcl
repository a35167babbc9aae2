target "a" { output = [] }
target "b" { output = ["type=cacheonly"] }
