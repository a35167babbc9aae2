REG = "r.io"
IMG = "${REG}/app"
target "default" { tags = [IMG] }
