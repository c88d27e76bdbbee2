module github.com/adviz/adviz

go 1.26.8
