"""A corpus of learners' submissions in the course's own style, for testing ``rosetta check`` without real learners.

Each submission is a list of notebook cells as the course's Coursera notebooks have them: the course's imports (its
helper modules, ``testCases_v4a``, ``public_tests`` ...), IPython magics, data loading and plots at top level, and
``# GRADED FUNCTION:`` cells with a learner's answer between the template's markers (``### START CODE HERE ###`` in
the releases up to 2020, ``# YOUR CODE STARTS HERE`` from 2021), each followed by the course's test calls.

- ``SUBMISSIONS``: correct answers, one per assignment and release (week 2, 3, 4, the application).
- ``MISTAKES``: one realistic learner mistake each, planted with ``planted(mistake)``, and the words that
  ``rosetta check`` should use for it.
- ``HOSTILE``: .py files whose graded functions loop, exit, flood, allocate or delete files when called.
- Writers: ``code_of``, ``write_py`` (as ``jupyter nbconvert --to script``), ``write_ipynb`` (nbformat 4 or 3),
  ``write_class`` (a teacher's folder of a class's files); ``python -m tests.corpus DIR`` writes the folder.
"""

# ruff: noqa: W291, W293  (the cells keep the course's trailing whitespace: learners' files have it too)

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

Cell = tuple[str, str]  # (kind, source): kind is "code" or "markdown"


def _md(source: str) -> Cell:
    return ("markdown", source.strip("\n"))


def _code(source: str) -> Cell:
    return ("code", source.strip("\n"))


# ---------------------------------------------------------------------------------------------------------------
# Week 2: Logistic Regression with a Neural Network mindset, the 2021 release (public_tests, copy.deepcopy)
# ---------------------------------------------------------------------------------------------------------------

WEEK2: list[Cell] = [
    _md(r'''
# Logistic Regression with a Neural Network mindset

Welcome to your first (required) programming assignment! You will build a logistic regression classifier to
recognize cats. This assignment will step you through how to do this with a Neural Network mindset.

**Instructions:**
- Do not use loops (for/while) in your code, unless the instructions explicitly ask you to do so.
- Use `np.dot(X,Y)` to calculate dot products.
'''),
    _md(r'''
<a name='1'></a>
## 1 - Packages ##

First, let's run the cell below to import all the packages that you will need during this assignment.
'''),
    _code(r'''
import numpy as np
import copy
import matplotlib.pyplot as plt
import h5py
import scipy
from PIL import Image
from scipy import ndimage
from lr_utils import load_dataset
from public_tests import *

%matplotlib inline
%load_ext autoreload
%autoreload 2
'''),
    _md(r'''
<a name='2'></a>
## 2 - Overview of the Problem set ##

**Problem Statement**: You are given a dataset ("data.h5") containing a training set of m_train images labeled as
cat (y=1) or non-cat (y=0), and a test set of m_test images. Each image is of shape (num_px, num_px, 3).
'''),
    _code(r'''
# Loading the data (cat/non-cat)
train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes = load_dataset()
'''),
    _code(r'''
# Example of a picture
index = 25
plt.imshow(train_set_x_orig[index])
print ("y = " + str(train_set_y[:, index]) + ", it's a '" + classes[np.squeeze(train_set_y[:, index])].decode("utf-8") +  "' picture.")
'''),
    _md(r'''
<a name='ex-1'></a>
### Exercise 1
Find the values for: m_train, m_test, num_px.
'''),
    _code(r'''
#(≈ 3 lines of code)
# m_train = 
# m_test = 
# num_px = 
# YOUR CODE STARTS HERE
m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
# YOUR CODE ENDS HERE

print ("Number of training examples: m_train = " + str(m_train))
print ("Number of testing examples: m_test = " + str(m_test))
print ("Height/Width of each image: num_px = " + str(num_px))
print ("Each image is of size: (" + str(num_px) + ", " + str(num_px) + ", 3)")
print ("train_set_x shape: " + str(train_set_x_orig.shape))
print ("train_set_y shape: " + str(train_set_y.shape))
print ("test_set_x shape: " + str(test_set_x_orig.shape))
print ("test_set_y shape: " + str(test_set_y.shape))
'''),
    _code(r'''
# Reshape the training and test examples
#(≈ 2 lines of code)
# train_set_x_flatten = ...
# test_set_x_flatten = ...
# YOUR CODE STARTS HERE
train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
# YOUR CODE ENDS HERE

# Check that the first 10 pixels of the second image are in the correct place
assert np.alltrue(train_set_x_flatten[0:10, 1] == [196, 192, 190, 193, 186, 182, 188, 179, 174, 213]), "Wrong solution. Use (X.shape[0], -1).T."
assert np.alltrue(test_set_x_flatten[0:10, 1] == [115, 110, 111, 137, 129, 129, 155, 140, 145, 101]), "Wrong solution. Use (X.shape[0], -1).T."

print ("train_set_x_flatten shape: " + str(train_set_x_flatten.shape))
print ("train_set_y shape: " + str(train_set_y.shape))
print ("test_set_x_flatten shape: " + str(test_set_x_flatten.shape))
print ("test_set_y shape: " + str(test_set_y.shape))
'''),
    _code(r'''
train_set_x = train_set_x_flatten / 255.
test_set_x = test_set_x_flatten / 255.
'''),
    _md(r'''
<a name='4'></a>
## 4 - Building the parts of our algorithm ##

<a name='ex-3'></a>
### Exercise 3 - sigmoid
Using your code from "Python Basics", implement `sigmoid()`. Use np.exp().
'''),
    _code(r'''
# GRADED FUNCTION: sigmoid

def sigmoid(z):
    """
    Compute the sigmoid of z

    Arguments:
    z -- A scalar or numpy array of any size.

    Return:
    s -- sigmoid(z)
    """

    #(≈ 1 line of code)
    # s = ...
    # YOUR CODE STARTS HERE
    s = 1 / (1 + np.exp(-z))
    # YOUR CODE ENDS HERE
    
    return s
'''),
    _code(r'''
print ("sigmoid([0, 2]) = " + str(sigmoid(np.array([0,2]))))

sigmoid_test(sigmoid)
'''),
    _code(r'''
x = np.array([0.5, 0, 2.0])
output = sigmoid(x)
print(output)
'''),
    _md(r'''
<a name='4-2'></a>
### 4.2 - Initializing parameters

<a name='ex-4'></a>
### Exercise 4 - initialize_with_zeros
Implement parameter initialization in the cell below. You have to initialize w as a vector of zeros.
'''),
    _code(r'''
# GRADED FUNCTION: initialize_with_zeros

def initialize_with_zeros(dim):
    """
    This function creates a vector of zeros of shape (dim, 1) for w and initializes b to 0.
    
    Argument:
    dim -- size of the w vector we want (or number of parameters in this case)
    
    Returns:
    w -- initialized vector of shape (dim, 1)
    b -- initialized scalar (corresponds to the bias) of type float
    """
    
    # (≈ 2 lines of code)
    # w = ...
    # b = ...
    # YOUR CODE STARTS HERE
    w = np.zeros((dim, 1))
    b = 0.
    # YOUR CODE ENDS HERE

    return w, b
'''),
    _code(r'''
dim = 2
w, b = initialize_with_zeros(dim)

assert type(b) == float
print ("w = " + str(w))
print ("b = " + str(b))

initialize_with_zeros_test_1(initialize_with_zeros)
initialize_with_zeros_test_2(initialize_with_zeros)
'''),
    _md(r'''
<a name='4-3'></a>
### 4.3 - Forward and Backward propagation

<a name='ex-5'></a>
### Exercise 5 - propagate
Implement a function `propagate()` that computes the cost function and its gradient.
'''),
    _code(r'''
# GRADED FUNCTION: propagate

def propagate(w, b, X, Y):
    """
    Implement the cost function and its gradient for the propagation explained above

    Arguments:
    w -- weights, a numpy array of size (num_px * num_px * 3, 1)
    b -- bias, a scalar
    X -- data of size (num_px * num_px * 3, number of examples)
    Y -- true "label" vector (containing 0 if non-cat, 1 if cat) of size (1, number of examples)

    Return:
    grads -- dictionary containing the gradients of the weights and bias
            (dw -- gradient of the loss with respect to w, thus same shape as w)
            (db -- gradient of the loss with respect to b, thus same shape as b)
    cost -- negative log-likelihood cost for logistic regression
    
    Tips:
    - Write your code step by step for the propagation. np.log(), np.dot()
    """
    
    m = X.shape[1]
    
    # FORWARD PROPAGATION (FROM X TO COST)
    #(≈ 2 lines of code)
    # compute activation
    # A = ...
    # compute cost by using np.dot to perform multiplication. 
    # And don't use loops for the sum.
    # cost = ...                                
    # YOUR CODE STARTS HERE
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * (np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T))
    # YOUR CODE ENDS HERE

    # BACKWARD PROPAGATION (TO FIND GRAD)
    #(≈ 2 lines of code)
    # dw = ...
    # db = ...
    # YOUR CODE STARTS HERE
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    # YOUR CODE ENDS HERE
    cost = np.squeeze(np.array(cost))

    
    grads = {"dw": dw,
             "db": db}
    
    return grads, cost
'''),
    _code(r'''
w =  np.array([[1.], [2.]])
b = 2.
X =np.array([[1., 2., -1.], [3., 4., -3.2]])
Y = np.array([[1, 0, 1]])
grads, cost = propagate(w, b, X, Y)

assert type(grads["dw"]) == np.ndarray
assert grads["dw"].shape == (2, 1)
assert type(grads["db"]) == np.float64


print ("dw = " + str(grads["dw"]))
print ("db = " + str(grads["db"]))
print ("cost = " + str(cost))

propagate_test(propagate)
'''),
    _md(r'''
<a name='4-4'></a>
### 4.4 - Optimization

<a name='ex-6'></a>
### Exercise 6 - optimize
Write down the optimization function. The goal is to learn $w$ and $b$ by minimizing the cost function $J$.
'''),
    _code(r'''
# GRADED FUNCTION: optimize

def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """
    This function optimizes w and b by running a gradient descent algorithm
    
    Arguments:
    w -- weights, a numpy array of size (num_px * num_px * 3, 1)
    b -- bias, a scalar
    X -- data of shape (num_px * num_px * 3, number of examples)
    Y -- true "label" vector (containing 0 if non-cat, 1 if cat), of shape (1, number of examples)
    num_iterations -- number of iterations of the optimization loop
    learning_rate -- learning rate of the gradient descent update rule
    print_cost -- True to print the loss every 100 steps
    
    Returns:
    params -- dictionary containing the weights w and bias b
    grads -- dictionary containing the gradients of the weights and bias with respect to the cost function
    costs -- list of all the costs computed during the optimization, this will be used to plot the learning curve.
    """
    
    w = copy.deepcopy(w)
    b = copy.deepcopy(b)
    
    costs = []
    
    for i in range(num_iterations):
        # (≈ 1 lines of code)
        # Cost and gradient calculation 
        # grads, cost = ...
        # YOUR CODE STARTS HERE
        grads, cost = propagate(w, b, X, Y)
        # YOUR CODE ENDS HERE
        
        # Retrieve derivatives from grads
        dw = grads["dw"]
        db = grads["db"]
        
        # update rule (≈ 2 lines of code)
        # w = ...
        # b = ...
        # YOUR CODE STARTS HERE
        w = w - learning_rate * dw
        b = b - learning_rate * db
        # YOUR CODE ENDS HERE
        
        # Record the costs
        if i % 100 == 0:
            costs.append(cost)
        
            # Print the cost every 100 training iterations
            if print_cost:
                print ("Cost after iteration %i: %f" %(i, cost))
    
    params = {"w": w,
              "b": b}
    
    grads = {"dw": dw,
             "db": db}
    
    return params, grads, costs
'''),
    _code(r'''
params, grads, costs = optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False)

print ("w = " + str(params["w"]))
print ("b = " + str(params["b"]))
print ("dw = " + str(grads["dw"]))
print ("db = " + str(grads["db"]))
print("Costs = " + str(costs))

optimize_test(optimize)
'''),
    _md(r'''
<a name='ex-7'></a>
### Exercise 7 - predict
Implement the `predict()` function: calculate $\hat{Y} = A = \sigma(w^T X + b)$ and convert the entries of A into
0 (if activation <= 0.5) or 1 (if activation > 0.5).
'''),
    _code(r"""
# GRADED FUNCTION: predict

def predict(w, b, X):
    '''
    Predict whether the label is 0 or 1 using learned logistic regression parameters (w, b)
    
    Arguments:
    w -- weights, a numpy array of size (num_px * num_px * 3, 1)
    b -- bias, a scalar
    X -- data of size (num_px * num_px * 3, number of examples)
    
    Returns:
    Y_prediction -- a numpy array (vector) containing all predictions (0/1) for the examples in X
    '''
    
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    w = w.reshape(X.shape[0], 1)
    
    # Compute vector "A" predicting the probabilities of a cat being present in the picture
    #(≈ 1 line of code)
    # A = ...
    # YOUR CODE STARTS HERE
    A = sigmoid(np.dot(w.T, X) + b)
    # YOUR CODE ENDS HERE
    
    for i in range(A.shape[1]):
        
        # Convert probabilities A[0,i] to actual predictions p[0,i]
        #(≈ 4 lines of code)
        # if A[0, i] > ____ :
        #     Y_prediction[0,i] = 
        # else:
        #     Y_prediction[0,i] = 
        # YOUR CODE STARTS HERE
        if A[0, i] > 0.5:
            Y_prediction[0, i] = 1
        else:
            Y_prediction[0, i] = 0
        # YOUR CODE ENDS HERE
    
    return Y_prediction
"""),
    _code(r'''
w = np.array([[0.1124579], [0.23106775]])
b = -0.3
X = np.array([[1., -1.1, -3.2],[1.2, 2., 0.1]])
print ("predictions = " + str(predict(w, b, X)))

predict_test(predict)
'''),
    _md(r'''
<a name='5'></a>
## 5 - Merge all functions into a model ##

<a name='ex-8'></a>
### Exercise 8 - model
Implement the model function.
'''),
    _code(r'''
# GRADED FUNCTION: model

def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """
    Builds the logistic regression model by calling the function you've implemented previously
    
    Arguments:
    X_train -- training set represented by a numpy array of shape (num_px * num_px * 3, m_train)
    Y_train -- training labels represented by a numpy array (vector) of shape (1, m_train)
    X_test -- test set represented by a numpy array of shape (num_px * num_px * 3, m_test)
    Y_test -- test labels represented by a numpy array (vector) of shape (1, m_test)
    num_iterations -- hyperparameter representing the number of iterations to optimize the parameters
    learning_rate -- hyperparameter representing the learning rate used in the update rule of optimize()
    print_cost -- Set to True to print the cost every 100 iterations
    
    Returns:
    d -- dictionary containing information about the model.
    """
    # (≈ 1 line of code)   
    # initialize parameters with zeros
    # and use the "shape" function to get the first dimension of X_train
    # w, b = ...
    
    #(≈ 1 line of code)
    # Gradient descent 
    # params, grads, costs = ...
    
    # Retrieve parameters w and b from dictionary "params"
    # w = ...
    # b = ...
    
    # Predict test/train set examples (≈ 2 lines of code)
    # Y_prediction_test = ...
    # Y_prediction_train = ...
    
    # YOUR CODE STARTS HERE
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    # YOUR CODE ENDS HERE

    # Print train/test Errors
    if print_cost:
        print("train accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100))
        print("test accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100))

    
    d = {"costs": costs,
         "Y_prediction_test": Y_prediction_test, 
         "Y_prediction_train" : Y_prediction_train, 
         "w" : w, 
         "b" : b,
         "learning_rate" : learning_rate,
         "num_iterations": num_iterations}
    
    return d
'''),
    _code(r'''
from public_tests import model_test
model_test(model)
'''),
    _code(r'''
logistic_regression_model = model(train_set_x, train_set_y, test_set_x, test_set_y, num_iterations=2000, learning_rate=0.005, print_cost=True)
'''),
    _code(r'''
# Example of a picture that was wrongly classified.
index = 1
plt.imshow(test_set_x[:, index].reshape((num_px, num_px, 3)))
print ("y = " + str(test_set_y[0,index]) + ", you predicted that it is a \"" + classes[int(logistic_regression_model['Y_prediction_test'][0,index])].decode("utf-8") +  "\" picture.")
'''),
    _code(r'''
# Plot learning curve (with costs)
costs = np.squeeze(logistic_regression_model['costs'])
plt.plot(costs)
plt.ylabel('cost')
plt.xlabel('iterations (per hundreds)')
plt.title("Learning rate =" + str(logistic_regression_model["learning_rate"]))
plt.show()
'''),
    _code(r'''
learning_rates = [0.01, 0.001, 0.0001]
models = {}

for lr in learning_rates:
    print ("Training a model with learning rate: " + str(lr))
    models[str(lr)] = model(train_set_x, train_set_y, test_set_x, test_set_y, num_iterations=1500, learning_rate=lr, print_cost=False)
    print ('\n' + "-------------------------------------------------------" + '\n')

for lr in learning_rates:
    plt.plot(np.squeeze(models[str(lr)]["costs"]), label=str(models[str(lr)]["learning_rate"]))

plt.ylabel('cost')
plt.xlabel('iterations (hundreds)')

legend = plt.legend(loc='upper center', shadow=True)
frame = legend.get_frame()
frame.set_facecolor('0.90')
plt.show()
'''),
    _md(r'''
<a name='7'></a>
## 7 - Test with your own image (optional/ungraded exercise) ##
'''),
    _code(r'''
# change this to the name of your image file
my_image = "my_image.jpg"   

# We preprocess the image to fit your algorithm.
fname = "images/" + my_image
image = np.array(Image.open(fname).resize((num_px, num_px)))
plt.imshow(image)
image = image / 255.
image = image.reshape((1, num_px * num_px * 3)).T
my_predicted_image = predict(logistic_regression_model["w"], logistic_regression_model["b"], image)

print("y = " + str(np.squeeze(my_predicted_image)) + ", your algorithm predicts a \"" + classes[int(np.squeeze(my_predicted_image)),].decode("utf-8") +  "\" picture.")
'''),
]


# ---------------------------------------------------------------------------------------------------------------
# Week 2, an older release (v5/v6, 2018-2020): START CODE HERE markers, no defaults in optimize, b = 0
# ---------------------------------------------------------------------------------------------------------------

WEEK2_V1: list[Cell] = [
    _md(r'''
# Logistic Regression with a Neural Network mindset

Welcome to your first (required) programming assignment! You will build a logistic regression classifier to
recognize  cats. This assignment will step you through how to do this with a Neural Network mindset, and so will
also hone your intuitions about deep learning.

**You will learn to:**
- Build the general architecture of a learning algorithm, including:
    - Initializing parameters
    - Calculating the cost function and its gradient
    - Using an optimization algorithm (gradient descent)
- Gather all three functions above into a main model function, in the right order.
'''),
    _md(r'''
## 1 - Packages ##
'''),
    _code(r'''
import numpy as np
import matplotlib.pyplot as plt
import h5py
import scipy
from PIL import Image
from scipy import ndimage
from lr_utils import load_dataset

%matplotlib inline
'''),
    _code(r'''
# Loading the data (cat/non-cat)
train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes = load_dataset()
'''),
    _code(r'''
# Example of a picture
index = 25
plt.imshow(train_set_x_orig[index])
print ("y = " + str(train_set_y[:, index]) + ", it's a '" + classes[np.squeeze(train_set_y[:, index])].decode("utf-8") +  "' picture.")
'''),
    _code(r'''
### START CODE HERE ### (≈ 3 lines of code)
m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
### END CODE HERE ###

print ("Number of training examples: m_train = " + str(m_train))
print ("Number of testing examples: m_test = " + str(m_test))
print ("Height/Width of each image: num_px = " + str(num_px))
print ("Each image is of size: (" + str(num_px) + ", " + str(num_px) + ", 3)")
print ("train_set_x shape: " + str(train_set_x_orig.shape))
print ("train_set_y shape: " + str(train_set_y.shape))
print ("test_set_x shape: " + str(test_set_x_orig.shape))
print ("test_set_y shape: " + str(test_set_y.shape))
'''),
    _code(r'''
# Reshape the training and test examples

### START CODE HERE ### (≈ 2 lines of code)
train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
### END CODE HERE ###

print ("train_set_x_flatten shape: " + str(train_set_x_flatten.shape))
print ("train_set_y shape: " + str(train_set_y.shape))
print ("test_set_x_flatten shape: " + str(test_set_x_flatten.shape))
print ("test_set_y shape: " + str(test_set_y.shape))
print ("sanity check after reshaping: " + str(train_set_x_flatten[0:5,0]))
'''),
    _code(r'''
train_set_x = train_set_x_flatten/255.
test_set_x = test_set_x_flatten/255.
'''),
    _md(r'''
## 4 - Building the parts of our algorithm ##

### 4.1 - Helper functions

**Exercise**: Using your code from "Python Basics", implement `sigmoid()`.
'''),
    _code(r'''
# GRADED FUNCTION: sigmoid

def sigmoid(z):
    """
    Compute the sigmoid of z

    Arguments:
    z -- A scalar or numpy array of any size.

    Return:
    s -- sigmoid(z)
    """

    ### START CODE HERE ### (≈ 1 line of code)
    s = 1/(1+np.exp(-z))
    ### END CODE HERE ###
    
    return s
'''),
    _code(r'''
print ("sigmoid([0, 2]) = " + str(sigmoid(np.array([0,2]))))
'''),
    _md(r'''
### 4.2 - Initializing parameters

**Exercise:** Implement parameter initialization in the cell below. You have to initialize w as a vector of zeros.
'''),
    _code(r'''
# GRADED FUNCTION: initialize_with_zeros

def initialize_with_zeros(dim):
    """
    This function creates a vector of zeros of shape (dim, 1) for w and initializes b to 0.
    
    Argument:
    dim -- size of the w vector we want (or number of parameters in this case)
    
    Returns:
    w -- initialized vector of shape (dim, 1)
    b -- initialized scalar (corresponds to the bias)
    """
    
    ### START CODE HERE ### (≈ 1 line of code)
    w = np.zeros((dim,1))
    b = 0
    ### END CODE HERE ###

    assert(w.shape == (dim, 1))
    assert(isinstance(b, float) or isinstance(b, int))
    
    return w, b
'''),
    _code(r'''
dim = 2
w, b = initialize_with_zeros(dim)
print ("w = " + str(w))
print ("b = " + str(b))
'''),
    _md(r'''
### 4.3 - Forward and Backward propagation

**Exercise:** Implement a function `propagate()` that computes the cost function and its gradient.
'''),
    _code(r'''
# GRADED FUNCTION: propagate

def propagate(w, b, X, Y):
    """
    Implement the cost function and its gradient for the propagation explained above

    Arguments:
    w -- weights, a numpy array of size (num_px * num_px * 3, 1)
    b -- bias, a scalar
    X -- data of size (num_px * num_px * 3, number of examples)
    Y -- true "label" vector (containing 0 if non-cat, 1 if cat) of size (1, number of examples)

    Return:
    cost -- negative log-likelihood cost for logistic regression
    dw -- gradient of the loss with respect to w, thus same shape as w
    db -- gradient of the loss with respect to b, thus same shape as b
    
    Tips:
    - Write your code step by step for the propagation. np.log(), np.dot()
    """
    
    m = X.shape[1]
    
    # FORWARD PROPAGATION (FROM X TO COST)
    ### START CODE HERE ### (≈ 2 lines of code)
    A = sigmoid(np.dot(w.T,X)+b)                                    # compute activation
    cost = -1/m*np.sum(Y*np.log(A)+(1-Y)*np.log(1-A))                                 # compute cost
    ### END CODE HERE ###
    
    # BACKWARD PROPAGATION (TO FIND GRAD)
    ### START CODE HERE ### (≈ 2 lines of code)
    dw = 1/m*np.dot(X,(A-Y).T)
    db = 1/m*np.sum(A-Y)
    ### END CODE HERE ###

    assert(dw.shape == w.shape)
    assert(db.dtype == float)
    cost = np.squeeze(cost)
    assert(cost.shape == ())
    
    grads = {"dw": dw,
             "db": db}
    
    return grads, cost
'''),
    _code(r'''
w, b, X, Y = np.array([[1.],[2.]]), 2., np.array([[1.,2.,-1.],[3.,4.,-3.2]]), np.array([[1,0,1]])
grads, cost = propagate(w, b, X, Y)
print ("dw = " + str(grads["dw"]))
print ("db = " + str(grads["db"]))
print ("cost = " + str(cost))
'''),
    _md(r'''
### 4.4 - Optimization

**Exercise:** Write down the optimization function. The goal is to learn $w$ and $b$ by minimizing the cost
function $J$. For a parameter $\theta$, the update rule is $ \theta = \theta - \alpha \text{ } d\theta$.
'''),
    _code(r'''
# GRADED FUNCTION: optimize

def optimize(w, b, X, Y, num_iterations, learning_rate, print_cost = False):
    """
    This function optimizes w and b by running a gradient descent algorithm
    
    Arguments:
    w -- weights, a numpy array of size (num_px * num_px * 3, 1)
    b -- bias, a scalar
    X -- data of shape (num_px * num_px * 3, number of examples)
    Y -- true "label" vector (containing 0 if non-cat, 1 if cat), of shape (1, number of examples)
    num_iterations -- number of iterations of the optimization loop
    learning_rate -- learning rate of the gradient descent update rule
    print_cost -- True to print the loss every 100 steps
    
    Returns:
    params -- dictionary containing the weights w and bias b
    grads -- dictionary containing the gradients of the weights and bias with respect to the cost function
    costs -- list of all the costs computed during the optimization, this will be used to plot the learning curve.
    """
    
    costs = []
    
    for i in range(num_iterations):
        
        
        # Cost and gradient calculation (≈ 1-4 lines of code)
        ### START CODE HERE ### 
        grads, cost = propagate(w, b, X, Y)
        ### END CODE HERE ###
        
        # Retrieve derivatives from grads
        dw = grads["dw"]
        db = grads["db"]
        
        # update rule (≈ 2 lines of code)
        ### START CODE HERE ###
        w = w - learning_rate*dw
        b = b - learning_rate*db
        ### END CODE HERE ###
        
        # Record the costs
        if i % 100 == 0:
            costs.append(cost)
        
        # Print the cost every 100 training iterations
        if print_cost and i % 100 == 0:
            print ("Cost after iteration %i: %f" %(i, cost))
    
    params = {"w": w,
              "b": b}
    
    grads = {"dw": dw,
             "db": db}
    
    return params, grads, costs
'''),
    _code(r'''
params, grads, costs = optimize(w, b, X, Y, num_iterations= 100, learning_rate = 0.009, print_cost = False)

print ("w = " + str(params["w"]))
print ("b = " + str(params["b"]))
print ("dw = " + str(grads["dw"]))
print ("db = " + str(grads["db"]))
'''),
    _code(r"""
# GRADED FUNCTION: predict

def predict(w, b, X):
    '''
    Predict whether the label is 0 or 1 using learned logistic regression parameters (w, b)
    
    Arguments:
    w -- weights, a numpy array of size (num_px * num_px * 3, 1)
    b -- bias, a scalar
    X -- data of size (num_px * num_px * 3, number of examples)
    
    Returns:
    Y_prediction -- a numpy array (vector) containing all predictions (0/1) for the examples in X
    '''
    
    m = X.shape[1]
    Y_prediction = np.zeros((1,m))
    w = w.reshape(X.shape[0], 1)
    
    # Compute vector "A" predicting the probabilities of a cat being present in the picture
    ### START CODE HERE ### (≈ 1 line of code)
    A = sigmoid(np.dot(w.T,X)+b)
    ### END CODE HERE ###
    
    for i in range(A.shape[1]):
        
        # Convert probabilities A[0,i] to actual predictions p[0,i]
        ### START CODE HERE ### (≈ 4 lines of code)
        if A[0,i] <= 0.5:
            Y_prediction[0,i] = 0
        else:
            Y_prediction[0,i] = 1
        ### END CODE HERE ###
    
    assert(Y_prediction.shape == (1, m))
    
    return Y_prediction
"""),
    _code(r'''
w = np.array([[0.1124579],[0.23106775]])
b = -0.3
X = np.array([[1.,-1.1,-3.2],[1.2,2.,0.1]])
print ("predictions = " + str(predict(w, b, X)))
'''),
    _md(r'''
## 5 - Merge all functions into a model ##

**Exercise:** Implement the model function.
'''),
    _code(r'''
# GRADED FUNCTION: model

def model(X_train, Y_train, X_test, Y_test, num_iterations = 2000, learning_rate = 0.5, print_cost = False):
    """
    Builds the logistic regression model by calling the function you've implemented previously
    
    Arguments:
    X_train -- training set represented by a numpy array of shape (num_px * num_px * 3, m_train)
    Y_train -- training labels represented by a numpy array (vector) of shape (1, m_train)
    X_test -- test set represented by a numpy array of shape (num_px * num_px * 3, m_test)
    Y_test -- test labels represented by a numpy array (vector) of shape (1, m_test)
    num_iterations -- hyperparameter representing the number of iterations to optimize the parameters
    learning_rate -- hyperparameter representing the learning rate used in the update rule of optimize()
    print_cost -- Set to true to print the cost every 100 iterations
    
    Returns:
    d -- dictionary containing information about the model.
    """
    
    ### START CODE HERE ###
    
    # initialize parameters with zeros (≈ 1 line of code)
    w, b = initialize_with_zeros(X_train.shape[0])

    # Gradient descent (≈ 1 line of code)
    parameters, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    
    # Retrieve parameters w and b from dictionary "parameters"
    w = parameters["w"]
    b = parameters["b"]
    
    # Predict test/train set examples (≈ 2 lines of code)
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)

    ### END CODE HERE ###

    # Print train/test Errors
    print("train accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100))
    print("test accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100))

    
    d = {"costs": costs,
         "Y_prediction_test": Y_prediction_test, 
         "Y_prediction_train" : Y_prediction_train, 
         "w" : w, 
         "b" : b,
         "learning_rate" : learning_rate,
         "num_iterations": num_iterations}
    
    return d
'''),
    _code(r'''
d = model(train_set_x, train_set_y, test_set_x, test_set_y, num_iterations = 2000, learning_rate = 0.005, print_cost = True)
'''),
    _code(r'''
# Plot learning curve (with costs)
costs = np.squeeze(d['costs'])
plt.plot(costs)
plt.ylabel('cost')
plt.xlabel('iterations (per hundreds)')
plt.title("Learning rate =" + str(d["learning_rate"]))
plt.show()
'''),
    _md(r'''
## 7 - Test with your own image (optional/ungraded exercise) ##
'''),
    _code(r'''
## START CODE HERE ## (PUT YOUR IMAGE NAME) 
my_image = "my_image.jpg"   # change this to the name of your image file 
## END CODE HERE ##

# We preprocess the image to fit your algorithm.
fname = "images/" + my_image
image = np.array(ndimage.imread(fname, flatten=False))
my_image = scipy.misc.imresize(image, size=(num_px,num_px)).reshape((1, num_px*num_px*3)).T
my_predicted_image = predict(d["w"], d["b"], my_image)

plt.imshow(image)
print("y = " + str(np.squeeze(my_predicted_image)) + ", your algorithm predicts a \"" + classes[int(np.squeeze(my_predicted_image)),].decode("utf-8") +  "\" picture.")
'''),
]


# ---------------------------------------------------------------------------------------------------------------
# Week 3: Planar data classification with one hidden layer, the 2021 release
# ---------------------------------------------------------------------------------------------------------------

WEEK3: list[Cell] = [
    _md(r'''
# Planar data classification with one hidden layer

Welcome to your week 3 programming assignment! It's time to build your first neural network, which will have one
hidden layer. Now, you'll notice a big difference between this model and the one you implemented previously using
logistic regression.
'''),
    _md(r'''
<a name='1'></a>
# 1 - Packages
'''),
    _code(r'''
# Package imports
import numpy as np
import copy
import matplotlib.pyplot as plt
from testCases_v2 import *
from public_tests import *
import sklearn
import sklearn.datasets
import sklearn.linear_model
from planar_utils import plot_decision_boundary, sigmoid, load_planar_dataset, load_extra_datasets

%matplotlib inline

%load_ext autoreload
%autoreload 2
'''),
    _md(r'''
<a name='2'></a>
# 2 - Load the Dataset
'''),
    _code(r'''
X, Y = load_planar_dataset()
'''),
    _code(r'''
# Visualize the data:
plt.scatter(X[0, :], X[1, :], c=Y, s=40, cmap=plt.cm.Spectral);
'''),
    _code(r'''
# (≈ 3 lines of code)
# shape_X = ...
# shape_Y = ...
# training set size
# m = ...
# YOUR CODE STARTS HERE
shape_X = X.shape
shape_Y = Y.shape
m = X.shape[1]
# YOUR CODE ENDS HERE

print ('The shape of X is: ' + str(shape_X))
print ('The shape of Y is: ' + str(shape_Y))
print ('I have m = %d training examples!' % (m))
'''),
    _md(r'''
<a name='3'></a>
## 3 - Simple Logistic Regression
'''),
    _code(r'''
# Train the logistic regression classifier
clf = sklearn.linear_model.LogisticRegressionCV();
clf.fit(X.T, Y.T);
'''),
    _code(r'''
# Plot the decision boundary for logistic regression
plot_decision_boundary(lambda x: clf.predict(x), X, Y)
plt.title("Logistic Regression")

# Print accuracy
LR_predictions = clf.predict(X.T)
print ('Accuracy of logistic regression: %d ' % float((np.dot(Y,LR_predictions) + np.dot(1-Y,1-LR_predictions))/float(Y.size)*100) +
       '% ' + "(percentage of correctly labelled datapoints)")
'''),
    _md(r'''
<a name='4'></a>
## 4 - Neural Network model

<a name='4-1'></a>
### 4.1 - Defining the neural network structure ####

<a name='ex-2'></a>
### Exercise 2 - layer_sizes
'''),
    _code(r'''
# GRADED FUNCTION: layer_sizes

def layer_sizes(X, Y):
    """
    Arguments:
    X -- input dataset of shape (input size, number of examples)
    Y -- labels of shape (output size, number of examples)
    
    Returns:
    n_x -- the size of the input layer
    n_h -- the size of the hidden layer
    n_y -- the size of the output layer
    """
    #(≈ 3 lines of code)
    # n_x = ... 
    # n_h = ...
    # n_y = ... 
    # YOUR CODE STARTS HERE
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    # YOUR CODE ENDS HERE
    return (n_x, n_h, n_y)
'''),
    _code(r'''
t_X, t_Y = layer_sizes_test_case()
(n_x, n_h, n_y) = layer_sizes(t_X, t_Y)
print("The size of the input layer is: n_x = " + str(n_x))
print("The size of the hidden layer is: n_h = " + str(n_h))
print("The size of the output layer is: n_y = " + str(n_y))

layer_sizes_test(layer_sizes)
'''),
    _md(r'''
<a name='4-2'></a>
### 4.2 - Initialize the model's parameters ####

<a name='ex-3'></a>
### Exercise 3 -  initialize_parameters
'''),
    _code(r'''
# GRADED FUNCTION: initialize_parameters

def initialize_parameters(n_x, n_h, n_y):
    """
    Argument:
    n_x -- size of the input layer
    n_h -- size of the hidden layer
    n_y -- size of the output layer
    
    Returns:
    params -- python dictionary containing your parameters:
                    W1 -- weight matrix of shape (n_h, n_x)
                    b1 -- bias vector of shape (n_h, 1)
                    W2 -- weight matrix of shape (n_y, n_h)
                    b2 -- bias vector of shape (n_y, 1)
    """    
    #(≈ 4 lines of code)
    # W1 = ...
    # b1 = ...
    # W2 = ...
    # b2 = ...
    # YOUR CODE STARTS HERE
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    # YOUR CODE ENDS HERE

    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    
    return parameters
'''),
    _code(r'''
np.random.seed(2)
n_x, n_h, n_y = initialize_parameters_test_case()
parameters = initialize_parameters(n_x, n_h, n_y)

print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))

initialize_parameters_test(initialize_parameters)
'''),
    _md(r'''
<a name='4-3'></a>
### 4.3 - The Loop

<a name='ex-4'></a>
### Exercise 4 - forward_propagation
'''),
    _code(r'''
# GRADED FUNCTION:forward_propagation

def forward_propagation(X, parameters):
    """
    Argument:
    X -- input data of size (n_x, m)
    parameters -- python dictionary containing your parameters (output of initialization function)
    
    Returns:
    A2 -- The sigmoid output of the second activation
    cache -- a dictionary containing "Z1", "A1", "Z2" and "A2"
    """
    # Retrieve each parameter from the dictionary "parameters"
    #(≈ 4 lines of code)
    # W1 = ...
    # b1 = ...
    # W2 = ...
    # b2 = ...
    # YOUR CODE STARTS HERE
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    # YOUR CODE ENDS HERE
    
    # Implement Forward Propagation to calculate A2 (probabilities)
    # (≈ 4 lines of code)
    # Z1 = ...
    # A1 = ...
    # Z2 = ...
    # A2 = ...
    # YOUR CODE STARTS HERE
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    # YOUR CODE ENDS HERE
    
    assert(A2.shape == (1, X.shape[1]))
    
    cache = {"Z1": Z1,
             "A1": A1,
             "Z2": Z2,
             "A2": A2}
    
    return A2, cache
'''),
    _code(r'''
t_X, parameters = forward_propagation_test_case()
A2, cache = forward_propagation(t_X, parameters)
print("A2 = " + str(A2))

forward_propagation_test(forward_propagation)
'''),
    _md(r'''
<a name='4-4'></a>
### 4.4 - Compute the Cost

<a name='ex-5'></a>
### Exercise 5 - compute_cost
'''),
    _code(r'''
# GRADED FUNCTION: compute_cost

def compute_cost(A2, Y):
    """
    Computes the cross-entropy cost given in equation (13)
    
    Arguments:
    A2 -- The sigmoid output of the second activation, of shape (1, number of examples)
    Y -- "true" labels vector of shape (1, number of examples)

    Returns:
    cost -- cross-entropy cost given equation (13)
    
    """
    
    m = Y.shape[1] # number of examples

    # Compute the cross-entropy cost
    # (≈ 2 lines of code)
    # logprobs = ...
    # cost = ...
    # YOUR CODE STARTS HERE
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = - np.sum(logprobs) / m
    # YOUR CODE ENDS HERE
    
    cost = float(np.squeeze(cost))  # makes sure cost is the dimension we expect. 
                                    # E.g., turns [[17]] into 17 
    
    return cost
'''),
    _code(r'''
A2, t_Y = compute_cost_test_case()
cost = compute_cost(A2, t_Y)
print("cost = " + str(compute_cost(A2, t_Y)))

compute_cost_test(compute_cost)
'''),
    _md(r'''
<a name='4-5'></a>
### 4.5 - Implement Backpropagation

<a name='ex-6'></a>
### Exercise 6 -  backward_propagation
'''),
    _code(r'''
# GRADED FUNCTION: backward_propagation

def backward_propagation(parameters, cache, X, Y):
    """
    Implement the backward propagation using the instructions above.
    
    Arguments:
    parameters -- python dictionary containing our parameters 
    cache -- a dictionary containing "Z1", "A1", "Z2" and "A2".
    X -- input data of shape (2, number of examples)
    Y -- "true" labels vector of shape (1, number of examples)
    
    Returns:
    grads -- python dictionary containing your gradients with respect to different parameters
    """
    m = X.shape[1]
    
    # First, retrieve W1 and W2 from the dictionary "parameters".
    #(≈ 2 lines of code)
    # W1 = ...
    # W2 = ...
    # YOUR CODE STARTS HERE
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    # YOUR CODE ENDS HERE
        
    # Retrieve also A1 and A2 from dictionary "cache".
    #(≈ 2 lines of code)
    # A1 = ...
    # A2 = ...
    # YOUR CODE STARTS HERE
    A1 = cache["A1"]
    A2 = cache["A2"]
    # YOUR CODE ENDS HERE
    
    # Backward propagation: calculate dW1, db1, dW2, db2. 
    #(≈ 6 lines of code, corresponding to 6 equations on slide above)
    # dZ2 = ...
    # dW2 = ...
    # db2 = ...
    # dZ1 = ...
    # dW1 = ...
    # db1 = ...
    # YOUR CODE STARTS HERE
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    # YOUR CODE ENDS HERE
    
    grads = {"dW1": dW1,
             "db1": db1,
             "dW2": dW2,
             "db2": db2}
    
    return grads
'''),
    _code(r'''
parameters, cache, t_X, t_Y = backward_propagation_test_case()

grads = backward_propagation(parameters, cache, t_X, t_Y)
print ("dW1 = "+ str(grads["dW1"]))
print ("db1 = "+ str(grads["db1"]))
print ("dW2 = "+ str(grads["dW2"]))
print ("db2 = "+ str(grads["db2"]))

backward_propagation_test(backward_propagation)
'''),
    _md(r'''
<a name='4-6'></a>
### 4.6 - Update Parameters

<a name='ex-7'></a>
### Exercise 7 - update_parameters
'''),
    _code(r'''
# GRADED FUNCTION: update_parameters

def update_parameters(parameters, grads, learning_rate = 1.2):
    """
    Updates parameters using the gradient descent update rule given above
    
    Arguments:
    parameters -- python dictionary containing your parameters 
    grads -- python dictionary containing your gradients 
    
    Returns:
    parameters -- python dictionary containing your updated parameters 
    """
    # Retrieve a copy of each parameter from the dictionary "parameters". Use copy.deepcopy(...) for W1 and W2
    #(≈ 4 lines of code)
    # W1 = ...
    # b1 = ...
    # W2 = ...
    # b2 = ...
    # YOUR CODE STARTS HERE
    W1 = copy.deepcopy(parameters["W1"])
    b1 = parameters["b1"]
    W2 = copy.deepcopy(parameters["W2"])
    b2 = parameters["b2"]
    # YOUR CODE ENDS HERE
    
    # Retrieve each gradient from the dictionary "grads"
    #(≈ 4 lines of code)
    # dW1 = ...
    # db1 = ...
    # dW2 = ...
    # db2 = ...
    # YOUR CODE STARTS HERE
    dW1 = grads["dW1"]
    db1 = grads["db1"]
    dW2 = grads["dW2"]
    db2 = grads["db2"]
    # YOUR CODE ENDS HERE
    
    # Update rule for each parameter
    #(≈ 4 lines of code)
    # W1 = ...
    # b1 = ...
    # W2 = ...
    # b2 = ...
    # YOUR CODE STARTS HERE
    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2
    # YOUR CODE ENDS HERE
    
    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    
    return parameters
'''),
    _code(r'''
parameters, grads = update_parameters_test_case()
parameters = update_parameters(parameters, grads)

print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))

update_parameters_test(update_parameters)
'''),
    _md(r'''
<a name='5'></a>
## 5 - Integration

<a name='ex-8'></a>
### Exercise 8 - nn_model
'''),
    _code(r'''
# GRADED FUNCTION: nn_model

def nn_model(X, Y, n_h, num_iterations = 10000, print_cost=False):
    """
    Arguments:
    X -- dataset of shape (2, number of examples)
    Y -- labels of shape (1, number of examples)
    n_h -- size of the hidden layer
    num_iterations -- Number of iterations in gradient descent loop
    print_cost -- if True, print the cost every 1000 iterations
    
    Returns:
    parameters -- parameters learnt by the model. They can then be used to predict.
    """
    
    np.random.seed(3)
    n_x = layer_sizes(X, Y)[0]
    n_y = layer_sizes(X, Y)[2]
    
    # Initialize parameters
    #(≈ 1 line of code)
    # parameters = ...
    # YOUR CODE STARTS HERE
    parameters = initialize_parameters(n_x, n_h, n_y)
    # YOUR CODE ENDS HERE
    
    # Loop (gradient descent)
    for i in range(0, num_iterations):
         
        #(≈ 4 lines of code)
        # Forward propagation. Inputs: "X, parameters". Outputs: "A2, cache".
        # A2, cache = ...
        
        # Cost function. Inputs: "A2, Y". Outputs: "cost".
        # cost = ...
 
        # Backpropagation. Inputs: "parameters, cache, X, Y". Outputs: "grads".
        # grads = ...
 
        # Gradient descent parameter update. Inputs: "parameters, grads". Outputs: "parameters".
        # parameters = ...
        
        # YOUR CODE STARTS HERE
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        # YOUR CODE ENDS HERE
        
        # Print the cost every 1000 iterations
        if print_cost and i % 1000 == 0:
            print ("Cost after iteration %i: %f" %(i, cost))

    return parameters
'''),
    _code(r'''
nn_model_test(nn_model)
'''),
    _md(r'''
<a name='6'></a>
## 6 - Test the Model

<a name='ex-9'></a>
### Exercise 9 - predict
'''),
    _code(r'''
# GRADED FUNCTION: predict

def predict(parameters, X):
    """
    Using the learned parameters, predicts a class for each example in X
    
    Arguments:
    parameters -- python dictionary containing your parameters 
    X -- input data of size (n_x, m)
    
    Returns
    predictions -- vector of predictions of our model (red: 0 / blue: 1)
    """
    
    # Computes probabilities using forward propagation, and classifies to 0/1 using 0.5 as the threshold.
    #(≈ 2 lines of code)
    # A2, cache = ...
    # predictions = ...
    # YOUR CODE STARTS HERE
    A2, cache = forward_propagation(X, parameters)
    predictions = (A2 > 0.5)
    # YOUR CODE ENDS HERE
    
    return predictions
'''),
    _code(r'''
parameters, t_X = predict_test_case()

predictions = predict(parameters, t_X)
print("Predictions: " + str(predictions))

predict_test(predict)
'''),
    _code(r'''
# Build a model with a n_h-dimensional hidden layer
parameters = nn_model(X, Y, n_h = 4, num_iterations = 10000, print_cost=True)

# Plot the decision boundary
plot_decision_boundary(lambda x: predict(parameters, x.T), X, Y)
plt.title("Decision Boundary for hidden layer size " + str(4))
'''),
    _code(r'''
# Print accuracy
predictions = predict(parameters, X)
print ('Accuracy: %d' % float((np.dot(Y, predictions.T) + np.dot(1 - Y, 1 - predictions.T)) / float(Y.size) * 100) + '%')
'''),
    _code(r'''
# This may take about 2 minutes to run

plt.figure(figsize=(16, 32))
hidden_layer_sizes = [1, 2, 3, 4, 5, 20, 50]

# you can try with different hidden layer sizes
# but make sure before you submit the assignment it is set as "hidden_layer_sizes = [1, 2, 3, 4, 5]"
# hidden_layer_sizes = [1, 2, 3, 4, 5, 20, 50]

for i, n_h in enumerate(hidden_layer_sizes):
    plt.subplot(5, 2, i+1)
    plt.title('Hidden Layer of size %d' % n_h)
    parameters = nn_model(X, Y, n_h, num_iterations = 5000)
    plot_decision_boundary(lambda x: predict(parameters, x.T), X, Y)
    predictions = predict(parameters, X)
    accuracy = float((np.dot(Y,predictions.T) + np.dot(1 - Y, 1 - predictions.T)) / float(Y.size)*100)
    print ("Accuracy for {} hidden units: {} %".format(n_h, accuracy))
'''),
    _code(r'''
# Datasets
noisy_circles, noisy_moons, blobs, gaussian_quantiles, no_structure = load_extra_datasets()

datasets = {"noisy_circles": noisy_circles,
            "noisy_moons": noisy_moons,
            "blobs": blobs,
            "gaussian_quantiles": gaussian_quantiles}

### START CODE HERE ### (choose your dataset)
dataset = "noisy_moons"
### END CODE HERE ###

X, Y = datasets[dataset]
X, Y = X.T, Y.reshape(1, Y.shape[0])

# make blobs binary
if dataset == "blobs":
    Y = Y%2

# Visualize the data
plt.scatter(X[0, :], X[1, :], c=Y, s=40, cmap=plt.cm.Spectral);
'''),
]


# ---------------------------------------------------------------------------------------------------------------
# Week 3, an older release (v5/v6): compute_cost(A2, Y, parameters), seeds inside the functions
# ---------------------------------------------------------------------------------------------------------------

WEEK3_V1: list[Cell] = [
    _md(r'''
# Planar data classification with one hidden layer

Welcome to your week 3 programming assignment. It's time to build your first neural network, which will have a
hidden layer. You will see a big difference between this model and the one you implemented using logistic
regression.
'''),
    _code(r'''
!pip install scikit-learn
'''),
    _code(r'''
# Package imports
import numpy as np
import matplotlib.pyplot as plt
from testCases_v2 import *
import sklearn
import sklearn.datasets
import sklearn.linear_model
from planar_utils import plot_decision_boundary, sigmoid, load_planar_dataset, load_extra_datasets

%matplotlib inline

np.random.seed(1) # set a seed so that the results are consistent
'''),
    _code(r'''
X, Y = load_planar_dataset()
'''),
    _code(r'''
# Visualize the data:
plt.scatter(X[0, :], X[1, :], c=Y, s=40, cmap=plt.cm.Spectral);
'''),
    _code(r'''
### START CODE HERE ### (≈ 3 lines of code)
shape_X = X.shape
shape_Y = Y.shape
m = shape_X[1]  # training set size
### END CODE HERE ###

print ('The shape of X is: ' + str(shape_X))
print ('The shape of Y is: ' + str(shape_Y))
print ('I have m = %d training examples!' % (m))
'''),
    _code(r'''
# Train the logistic regression classifier
clf = sklearn.linear_model.LogisticRegressionCV();
clf.fit(X.T, Y.T);
'''),
    _code(r'''
# Plot the decision boundary for logistic regression
plot_decision_boundary(lambda x: clf.predict(x), X, Y)
plt.title("Logistic Regression")

# Print accuracy
LR_predictions = clf.predict(X.T)
print ('Accuracy of logistic regression: %d ' % float((np.dot(Y,LR_predictions) + np.dot(1-Y,1-LR_predictions))/float(Y.size)*100) +
       '% ' + "(percentage of correctly labelled datapoints)")
'''),
    _code(r'''
# GRADED FUNCTION: layer_sizes

def layer_sizes(X, Y):
    """
    Arguments:
    X -- input dataset of shape (input size, number of examples)
    Y -- labels of shape (output size, number of examples)
    
    Returns:
    n_x -- the size of the input layer
    n_h -- the size of the hidden layer
    n_y -- the size of the output layer
    """
    ### START CODE HERE ### (≈ 3 lines of code)
    n_x = X.shape[0] # size of input layer
    n_h = 4
    n_y = Y.shape[0] # size of output layer
    ### END CODE HERE ###
    return (n_x, n_h, n_y)
'''),
    _code(r'''
X_assess, Y_assess = layer_sizes_test_case()
(n_x, n_h, n_y) = layer_sizes(X_assess, Y_assess)
print("The size of the input layer is: n_x = " + str(n_x))
print("The size of the hidden layer is: n_h = " + str(n_h))
print("The size of the output layer is: n_y = " + str(n_y))
'''),
    _code(r'''
# GRADED FUNCTION: initialize_parameters

def initialize_parameters(n_x, n_h, n_y):
    """
    Argument:
    n_x -- size of the input layer
    n_h -- size of the hidden layer
    n_y -- size of the output layer
    
    Returns:
    params -- python dictionary containing your parameters:
                    W1 -- weight matrix of shape (n_h, n_x)
                    b1 -- bias vector of shape (n_h, 1)
                    W2 -- weight matrix of shape (n_y, n_h)
                    b2 -- bias vector of shape (n_y, 1)
    """
    
    np.random.seed(2) # we set up a seed so that your output matches ours although the initialization is random.
    
    ### START CODE HERE ### (≈ 4 lines of code)
    W1 = np.random.randn(n_h,n_x)*0.01
    b1 = np.zeros((n_h,1))
    W2 = np.random.randn(n_y,n_h)*0.01
    b2 = np.zeros((n_y,1))
    ### END CODE HERE ###
    
    assert (W1.shape == (n_h, n_x))
    assert (b1.shape == (n_h, 1))
    assert (W2.shape == (n_y, n_h))
    assert (b2.shape == (n_y, 1))
    
    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    
    return parameters
'''),
    _code(r'''
n_x, n_h, n_y = initialize_parameters_test_case()

parameters = initialize_parameters(n_x, n_h, n_y)
print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))
'''),
    _code(r'''
# GRADED FUNCTION: forward_propagation

def forward_propagation(X, parameters):
    """
    Argument:
    X -- input data of size (n_x, m)
    parameters -- python dictionary containing your parameters (output of initialization function)
    
    Returns:
    A2 -- The sigmoid output of the second activation
    cache -- a dictionary containing "Z1", "A1", "Z2" and "A2"
    """
    # Retrieve each parameter from the dictionary "parameters"
    ### START CODE HERE ### (≈ 4 lines of code)
    W1 = parameters['W1']
    b1 = parameters['b1']
    W2 = parameters['W2']
    b2 = parameters['b2']
    ### END CODE HERE ###
    
    # Implement Forward Propagation to calculate A2 (probabilities)
    ### START CODE HERE ### (≈ 4 lines of code)
    Z1 = np.dot(W1,X)+b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2,A1)+b2
    A2 = sigmoid(Z2)
    ### END CODE HERE ###
    
    assert(A2.shape == (1, X.shape[1]))
    
    cache = {"Z1": Z1,
             "A1": A1,
             "Z2": Z2,
             "A2": A2}
    
    return A2, cache
'''),
    _code(r'''
X_assess, parameters = forward_propagation_test_case()
A2, cache = forward_propagation(X_assess, parameters)

# Note: we use the mean here just to make sure that your output matches ours. 
print(np.mean(cache['Z1']) ,np.mean(cache['A1']),np.mean(cache['Z2']),np.mean(cache['A2']))
'''),
    _code(r'''
# GRADED FUNCTION: compute_cost

def compute_cost(A2, Y, parameters):
    """
    Computes the cross-entropy cost given in equation (13)
    
    Arguments:
    A2 -- The sigmoid output of the second activation, of shape (1, number of examples)
    Y -- "true" labels vector of shape (1, number of examples)
    parameters -- python dictionary containing your parameters W1, b1, W2 and b2
    
    Returns:
    cost -- cross-entropy cost given equation (13)
    """
    
    m = Y.shape[1] # number of example

    # Compute the cross-entropy cost
    ### START CODE HERE ### (≈ 2 lines of code)
    logprobs = np.multiply(np.log(A2),Y) + np.multiply(np.log(1-A2),(1-Y))
    cost = -np.sum(logprobs)/m
    ### END CODE HERE ###
    
    cost = np.squeeze(cost)     # makes sure cost is the dimension we expect. 
                                # E.g., turns [[17]] into 17 
    assert(isinstance(cost, float))
    
    return cost
'''),
    _code(r'''
A2, Y_assess, parameters = compute_cost_test_case()

print("cost = " + str(compute_cost(A2, Y_assess, parameters)))
'''),
    _code(r'''
# GRADED FUNCTION: backward_propagation

def backward_propagation(parameters, cache, X, Y):
    """
    Implement the backward propagation using the instructions above.
    
    Arguments:
    parameters -- python dictionary containing our parameters 
    cache -- a dictionary containing "Z1", "A1", "Z2" and "A2".
    X -- input data of shape (2, number of examples)
    Y -- "true" labels vector of shape (1, number of examples)
    
    Returns:
    grads -- python dictionary containing your gradients with respect to different parameters
    """
    m = X.shape[1]
    
    # First, retrieve W1 and W2 from the dictionary "parameters".
    ### START CODE HERE ### (≈ 2 lines of code)
    W1 = parameters['W1']
    W2 = parameters['W2']
    ### END CODE HERE ###
        
    # Retrieve also A1 and A2 from dictionary "cache".
    ### START CODE HERE ### (≈ 2 lines of code)
    A1 = cache['A1']
    A2 = cache['A2']
    ### END CODE HERE ###
    
    # Backward propagation: calculate dW1, db1, dW2, db2. 
    ### START CODE HERE ### (≈ 6 lines of code, corresponding to 6 equations on slide above)
    dZ2 = A2 - Y
    dW2 = 1/m*np.dot(dZ2,A1.T)
    db2 = 1/m*np.sum(dZ2,axis=1,keepdims=True)
    dZ1 = np.dot(W2.T,dZ2)*(1 - np.power(A1, 2))
    dW1 = 1/m*np.dot(dZ1,X.T)
    db1 = 1/m*np.sum(dZ1,axis=1,keepdims=True)
    ### END CODE HERE ###
    
    grads = {"dW1": dW1,
             "db1": db1,
             "dW2": dW2,
             "db2": db2}
    
    return grads
'''),
    _code(r'''
parameters, cache, X_assess, Y_assess = backward_propagation_test_case()

grads = backward_propagation(parameters, cache, X_assess, Y_assess)
print ("dW1 = "+ str(grads["dW1"]))
print ("db1 = "+ str(grads["db1"]))
print ("dW2 = "+ str(grads["dW2"]))
print ("db2 = "+ str(grads["db2"]))
'''),
    _code(r'''
# GRADED FUNCTION: update_parameters

def update_parameters(parameters, grads, learning_rate = 1.2):
    """
    Updates parameters using the gradient descent update rule given above
    
    Arguments:
    parameters -- python dictionary containing your parameters 
    grads -- python dictionary containing your gradients 
    
    Returns:
    parameters -- python dictionary containing your updated parameters 
    """
    # Retrieve each parameter from the dictionary "parameters"
    ### START CODE HERE ### (≈ 4 lines of code)
    W1 = parameters['W1']
    b1 = parameters['b1']
    W2 = parameters['W2']
    b2 = parameters['b2']
    ### END CODE HERE ###
    
    # Retrieve each gradient from the dictionary "grads"
    ### START CODE HERE ### (≈ 4 lines of code)
    dW1 = grads['dW1']
    db1 = grads['db1']
    dW2 = grads['dW2']
    db2 = grads['db2']
    ## END CODE HERE ###
    
    # Update rule for each parameter
    ### START CODE HERE ### (≈ 4 lines of code)
    W1 = W1 - learning_rate*dW1
    b1 = b1 - learning_rate*db1
    W2 = W2 - learning_rate*dW2
    b2 = b2 - learning_rate*db2
    ### END CODE HERE ###
    
    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    
    return parameters
'''),
    _code(r'''
parameters, grads = update_parameters_test_case()
parameters = update_parameters(parameters, grads)

print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))
'''),
    _code(r'''
# GRADED FUNCTION: nn_model

def nn_model(X, Y, n_h, num_iterations = 10000, print_cost=False):
    """
    Arguments:
    X -- dataset of shape (2, number of examples)
    Y -- labels of shape (1, number of examples)
    n_h -- size of the hidden layer
    num_iterations -- Number of iterations in gradient descent loop
    print_cost -- if True, print the cost every 1000 iterations
    
    Returns:
    parameters -- parameters learnt by the model. They can then be used to predict.
    """
    
    np.random.seed(3)
    n_x = layer_sizes(X, Y)[0]
    n_y = layer_sizes(X, Y)[2]
    
    # Initialize parameters, then retrieve W1, b1, W2, b2. Inputs: "n_x, n_h, n_y". Outputs = "W1, b1, W2, b2, parameters".
    ### START CODE HERE ### (≈ 5 lines of code)
    parameters = initialize_parameters(n_x, n_h, n_y)
    W1 = parameters['W1']
    b1 = parameters['b1']
    W2 = parameters['W2']
    b2 = parameters['b2']
    ### END CODE HERE ###
    
    # Loop (gradient descent)

    for i in range(0, num_iterations):
         
        ### START CODE HERE ### (≈ 4 lines of code)
        # Forward propagation. Inputs: "X, parameters". Outputs: "A2, cache".
        A2, cache = forward_propagation(X, parameters)
        
        # Cost function. Inputs: "A2, Y, parameters". Outputs: "cost".
        cost = compute_cost(A2, Y, parameters)
 
        # Backpropagation. Inputs: "parameters, cache, X, Y". Outputs: "grads".
        grads = backward_propagation(parameters, cache, X, Y)
 
        # Gradient descent parameter update. Inputs: "parameters, grads". Outputs: "parameters".
        parameters = update_parameters(parameters, grads)
        
        ### END CODE HERE ###
        
        # Print the cost every 1000 iterations
        if print_cost and i % 1000 == 0:
            print ("Cost after iteration %i: %f" %(i, cost))

    return parameters
'''),
    _code(r'''
X_assess, Y_assess = nn_model_test_case()
parameters = nn_model(X_assess, Y_assess, 4, num_iterations=10000, print_cost=True)
print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))
'''),
    _code(r'''
# GRADED FUNCTION: predict

def predict(parameters, X):
    """
    Using the learned parameters, predicts a class for each example in X
    
    Arguments:
    parameters -- python dictionary containing your parameters 
    X -- input data of size (n_x, m)
    
    Returns
    predictions -- vector of predictions of our model (red: 0 / blue: 1)
    """
    
    # Computes probabilities using forward propagation, and classifies to 0/1 using 0.5 as the threshold.
    ### START CODE HERE ### (≈ 2 lines of code)
    A2, cache = forward_propagation(X, parameters)
    predictions = (A2 > 0.5)
    ### END CODE HERE ###
    
    return predictions
'''),
    _code(r'''
parameters, X_assess = predict_test_case()

predictions = predict(parameters, X_assess)
print("predictions mean = " + str(np.mean(predictions)))
'''),
    _code(r'''
# Build a model with a n_h-dimensional hidden layer
parameters = nn_model(X, Y, n_h = 4, num_iterations = 10000, print_cost=True)

# Plot the decision boundary
plot_decision_boundary(lambda x: predict(parameters, x.T), X, Y)
plt.title("Decision Boundary for hidden layer size " + str(4))
'''),
    _code(r'''
# Print accuracy
predictions = predict(parameters, X)
print ('Accuracy: %d' % float((np.dot(Y,predictions.T) + np.dot(1-Y,1-predictions.T))/float(Y.size)*100) + '%')
'''),
]


# ---------------------------------------------------------------------------------------------------------------
# Week 4: Building your Deep Neural Network: Step by Step, the v4a release (2020): testCases_v4a, dnn_utils_v2
# ---------------------------------------------------------------------------------------------------------------

WEEK4: list[Cell] = [
    _md(r'''
# Building your Deep Neural Network: Step by Step

Welcome to your week 4 assignment (part 1 of 2)! You have previously trained a 2-layer Neural Network (with a
single hidden layer). This week, you will build a deep neural network, with as many layers as you want!
'''),
    _md(r'''
## 1 - Packages
'''),
    _code(r'''
import numpy as np
import h5py
import matplotlib.pyplot as plt
from testCases_v4a import *
from dnn_utils_v2 import sigmoid, sigmoid_backward, relu, relu_backward

%matplotlib inline
plt.rcParams['figure.figsize'] = (5.0, 4.0) # set default size of plots
plt.rcParams['image.interpolation'] = 'nearest'
plt.rcParams['image.cmap'] = 'gray'

%load_ext autoreload
%autoreload 2

np.random.seed(1)
'''),
    _md(r'''
## 3 - Initialization

### 3.1 - 2-layer Neural Network

**Exercise**: Create and initialize the parameters of the 2-layer neural network.
'''),
    _code(r'''
# GRADED FUNCTION: initialize_parameters

def initialize_parameters(n_x, n_h, n_y):
    """
    Argument:
    n_x -- size of the input layer
    n_h -- size of the hidden layer
    n_y -- size of the output layer
    
    Returns:
    parameters -- python dictionary containing your parameters:
                    W1 -- weight matrix of shape (n_h, n_x)
                    b1 -- bias vector of shape (n_h, 1)
                    W2 -- weight matrix of shape (n_y, n_h)
                    b2 -- bias vector of shape (n_y, 1)
    """
    
    np.random.seed(1)
    
    ### START CODE HERE ### (≈ 4 lines of code)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    ### END CODE HERE ###
    
    assert(W1.shape == (n_h, n_x))
    assert(b1.shape == (n_h, 1))
    assert(W2.shape == (n_y, n_h))
    assert(b2.shape == (n_y, 1))
    
    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    
    return parameters    
'''),
    _code(r'''
parameters = initialize_parameters(3,2,1)
print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))
'''),
    _md(r'''
### 3.2 - L-layer Neural Network

**Exercise**: Implement initialization for an L-layer Neural Network.
'''),
    _code(r'''
# GRADED FUNCTION: initialize_parameters_deep

def initialize_parameters_deep(layer_dims):
    """
    Arguments:
    layer_dims -- python array (list) containing the dimensions of each layer in our network
    
    Returns:
    parameters -- python dictionary containing your parameters "W1", "b1", ..., "WL", "bL":
                    Wl -- weight matrix of shape (layer_dims[l], layer_dims[l-1])
                    bl -- bias vector of shape (layer_dims[l], 1)
    """
    
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)            # number of layers in the network

    for l in range(1, L):
        ### START CODE HERE ### (≈ 2 lines of code)
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
        ### END CODE HERE ###
        
        assert(parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l-1]))
        assert(parameters['b' + str(l)].shape == (layer_dims[l], 1))

        
    return parameters
'''),
    _code(r'''
parameters = initialize_parameters_deep([5,4,3])
print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))
'''),
    _md(r'''
## 4 - Forward propagation module

### 4.1 - Linear Forward 

**Exercise**: Build the linear part of forward propagation.
'''),
    _code(r'''
# GRADED FUNCTION: linear_forward

def linear_forward(A, W, b):
    """
    Implement the linear part of a layer's forward propagation.

    Arguments:
    A -- activations from previous layer (or input data): (size of previous layer, number of examples)
    W -- weights matrix: numpy array of shape (size of current layer, size of previous layer)
    b -- bias vector, numpy array of shape (size of the current layer, 1)

    Returns:
    Z -- the input of the activation function, also called pre-activation parameter 
    cache -- a python tuple containing "A", "W" and "b" ; stored for computing the backward pass efficiently
    """
    
    ### START CODE HERE ### (≈ 1 line of code)
    Z = np.dot(W, A) + b
    ### END CODE HERE ###
    
    assert(Z.shape == (W.shape[0], A.shape[1]))
    cache = (A, W, b)
    
    return Z, cache
'''),
    _code(r'''
A, W, b = linear_forward_test_case()

Z, linear_cache = linear_forward(A, W, b)
print("Z = " + str(Z))
'''),
    _md(r'''
### 4.2 - Linear-Activation Forward

**Exercise**: Implement the forward propagation of the *LINEAR->ACTIVATION* layer.
'''),
    _code(r'''
# GRADED FUNCTION: linear_activation_forward

def linear_activation_forward(A_prev, W, b, activation):
    """
    Implement the forward propagation for the LINEAR->ACTIVATION layer

    Arguments:
    A_prev -- activations from previous layer (or input data): (size of previous layer, number of examples)
    W -- weights matrix: numpy array of shape (size of current layer, size of previous layer)
    b -- bias vector, numpy array of shape (size of the current layer, 1)
    activation -- the activation to be used in this layer, stored as a text string: "sigmoid" or "relu"

    Returns:
    A -- the output of the activation function, also called the post-activation value 
    cache -- a python tuple containing "linear_cache" and "activation_cache";
             stored for computing the backward pass efficiently
    """
    
    if activation == "sigmoid":
        # Inputs: "A_prev, W, b". Outputs: "A, activation_cache".
        ### START CODE HERE ### (≈ 2 lines of code)
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
        ### END CODE HERE ###
    
    elif activation == "relu":
        # Inputs: "A_prev, W, b". Outputs: "A, activation_cache".
        ### START CODE HERE ### (≈ 2 lines of code)
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)
        ### END CODE HERE ###
    
    assert (A.shape == (W.shape[0], A_prev.shape[1]))
    cache = (linear_cache, activation_cache)

    return A, cache
'''),
    _code(r'''
A_prev, W, b = linear_activation_forward_test_case()

A, linear_activation_cache = linear_activation_forward(A_prev, W, b, activation = "sigmoid")
print("With sigmoid: A = " + str(A))

A, linear_activation_cache = linear_activation_forward(A_prev, W, b, activation = "relu")
print("With ReLU: A = " + str(A))
'''),
    _md(r'''
### d) L-Layer Model 

**Exercise**: Implement the forward propagation of the above model.
'''),
    _code(r'''
# GRADED FUNCTION: L_model_forward

def L_model_forward(X, parameters):
    """
    Implement forward propagation for the [LINEAR->RELU]*(L-1)->LINEAR->SIGMOID computation
    
    Arguments:
    X -- data, numpy array of shape (input size, number of examples)
    parameters -- output of initialize_parameters_deep()
    
    Returns:
    AL -- last post-activation value
    caches -- list of caches containing:
                every cache of linear_activation_forward() (there are L-1 of them, indexed from 0 to L-1)
    """

    caches = []
    A = X
    L = len(parameters) // 2                  # number of layers in the neural network
    
    # Implement [LINEAR -> RELU]*(L-1). Add "cache" to the "caches" list.
    for l in range(1, L):
        A_prev = A 
        ### START CODE HERE ### (≈ 2 lines of code)
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], activation = "relu")
        caches.append(cache)
        ### END CODE HERE ###
    
    # Implement LINEAR -> SIGMOID. Add "cache" to the "caches" list.
    ### START CODE HERE ### (≈ 2 lines of code)
    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], activation = "sigmoid")
    caches.append(cache)
    ### END CODE HERE ###
    
    assert(AL.shape == (1,X.shape[1]))
            
    return AL, caches
'''),
    _code(r'''
X, parameters = L_model_forward_test_case_2hidden()
AL, caches = L_model_forward(X, parameters)
print("AL = " + str(AL))
print("Length of caches list = " + str(len(caches)))
'''),
    _md(r'''
## 5 - Cost function

**Exercise**: Compute the cross-entropy cost $J$.
'''),
    _code(r'''
# GRADED FUNCTION: compute_cost

def compute_cost(AL, Y):
    """
    Implement the cost function defined by equation (7).

    Arguments:
    AL -- probability vector corresponding to your label predictions, shape (1, number of examples)
    Y -- true "label" vector (for example: containing 0 if non-cat, 1 if cat), shape (1, number of examples)

    Returns:
    cost -- cross-entropy cost
    """
    
    m = Y.shape[1]

    # Compute loss from aL and y.
    ### START CODE HERE ### (≈ 1 lines of code)
    cost = -1 / m * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    ### END CODE HERE ###
    
    cost = np.squeeze(cost)      # To make sure your cost's shape is what we expect (e.g. this turns [[17]] into 17).
    assert(cost.shape == ())
    
    return cost
'''),
    _code(r'''
Y, AL = compute_cost_test_case()

print("cost = " + str(compute_cost(AL, Y)))
'''),
    _md(r'''
## 6 - Backward propagation module

### 6.1 - Linear backward

**Exercise**: Use the 3 formulas above to implement linear_backward().
'''),
    _code(r'''
# GRADED FUNCTION: linear_backward

def linear_backward(dZ, cache):
    """
    Implement the linear portion of backward propagation for a single layer (layer l)

    Arguments:
    dZ -- Gradient of the cost with respect to the linear output (of current layer l)
    cache -- tuple of values (A_prev, W, b) coming from the forward propagation in the current layer

    Returns:
    dA_prev -- Gradient of the cost with respect to the activation (of the previous layer l-1), same shape as A_prev
    dW -- Gradient of the cost with respect to W (current layer l), same shape as W
    db -- Gradient of the cost with respect to b (current layer l), same shape as b
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]

    ### START CODE HERE ### (≈ 3 lines of code)
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    ### END CODE HERE ###
    
    assert (dA_prev.shape == A_prev.shape)
    assert (dW.shape == W.shape)
    assert (db.shape == b.shape)
    
    return dA_prev, dW, db
'''),
    _code(r'''
# Set up some test inputs
dZ, linear_cache = linear_backward_test_case()

dA_prev, dW, db = linear_backward(dZ, linear_cache)
print ("dA_prev = "+ str(dA_prev))
print ("dW = " + str(dW))
print ("db = " + str(db))
'''),
    _md(r'''
### 6.2 - Linear-Activation backward

**Exercise**: Implement the backpropagation for the *LINEAR->ACTIVATION* layer.
'''),
    _code(r'''
# GRADED FUNCTION: linear_activation_backward

def linear_activation_backward(dA, cache, activation):
    """
    Implement the backward propagation for the LINEAR->ACTIVATION layer.
    
    Arguments:
    dA -- post-activation gradient for current layer l 
    cache -- tuple of values (linear_cache, activation_cache) we store for computing backward propagation efficiently
    activation -- the activation to be used in this layer, stored as a text string: "sigmoid" or "relu"
    
    Returns:
    dA_prev -- Gradient of the cost with respect to the activation (of the previous layer l-1), same shape as A_prev
    dW -- Gradient of the cost with respect to W (current layer l), same shape as W
    db -- Gradient of the cost with respect to b (current layer l), same shape as b
    """
    linear_cache, activation_cache = cache
    
    if activation == "relu":
        ### START CODE HERE ### (≈ 2 lines of code)
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
        ### END CODE HERE ###
        
    elif activation == "sigmoid":
        ### START CODE HERE ### (≈ 2 lines of code)
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
        ### END CODE HERE ###
    
    return dA_prev, dW, db
'''),
    _code(r'''
dAL, linear_activation_cache = linear_activation_backward_test_case()

dA_prev, dW, db = linear_activation_backward(dAL, linear_activation_cache, activation = "sigmoid")
print ("sigmoid:")
print ("dA_prev = "+ str(dA_prev))
print ("dW = " + str(dW))
print ("db = " + str(db) + "\n")

dA_prev, dW, db = linear_activation_backward(dAL, linear_activation_cache, activation = "relu")
print ("relu:")
print ("dA_prev = "+ str(dA_prev))
print ("dW = " + str(dW))
print ("db = " + str(db))
'''),
    _md(r'''
### 6.3 - L-Model Backward 

**Exercise**: Implement backpropagation for the *[LINEAR->RELU] $\times$ (L-1) -> LINEAR -> SIGMOID* model.
'''),
    _code(r'''
# GRADED FUNCTION: L_model_backward

def L_model_backward(AL, Y, caches):
    """
    Implement the backward propagation for the [LINEAR->RELU] * (L-1) -> LINEAR -> SIGMOID group
    
    Arguments:
    AL -- probability vector, output of the forward propagation (L_model_forward())
    Y -- true "label" vector (containing 0 if non-cat, 1 if cat)
    caches -- list of caches containing:
                every cache of linear_activation_forward() with "relu" (it's caches[l], for l in range(L-1) i.e l = 0...L-2)
                the cache of linear_activation_forward() with "sigmoid" (it's caches[L-1])
    
    Returns:
    grads -- A dictionary with the gradients
             grads["dA" + str(l)] = ... 
             grads["dW" + str(l)] = ...
             grads["db" + str(l)] = ... 
    """
    grads = {}
    L = len(caches) # the number of layers
    m = AL.shape[1]
    Y = Y.reshape(AL.shape) # after this line, Y is the same shape as AL
    
    # Initializing the backpropagation
    ### START CODE HERE ### (1 line of code)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    ### END CODE HERE ###
    
    # Lth layer (SIGMOID -> LINEAR) gradients. Inputs: "dAL, current_cache". Outputs: "grads["dAL-1"], grads["dWL"], grads["dbL"]
    ### START CODE HERE ### (approx. 2 lines)
    current_cache = caches[L-1]
    grads["dA" + str(L-1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(dAL, current_cache, activation = "sigmoid")
    ### END CODE HERE ###
    
    # Loop from l=L-2 to l=0
    for l in reversed(range(L-1)):
        # lth layer: (RELU -> LINEAR) gradients.
        # Inputs: "grads["dA" + str(l + 1)], current_cache". Outputs: "grads["dA" + str(l)] , grads["dW" + str(l + 1)] , grads["db" + str(l + 1)] 
        ### START CODE HERE ### (approx. 5 lines)
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, activation = "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
        ### END CODE HERE ###

    return grads
'''),
    _code(r'''
AL, Y_assess, caches = L_model_backward_test_case()
grads = L_model_backward(AL, Y_assess, caches)
print_grads(grads)
'''),
    _md(r'''
### 6.4 - Update Parameters

**Exercise**: Implement `update_parameters()` to update your parameters using gradient descent.
'''),
    _code(r'''
# GRADED FUNCTION: update_parameters

def update_parameters(parameters, grads, learning_rate):
    """
    Update parameters using gradient descent
    
    Arguments:
    parameters -- python dictionary containing your parameters 
    grads -- python dictionary containing your gradients, output of L_model_backward
    
    Returns:
    parameters -- python dictionary containing your updated parameters 
                  parameters["W" + str(l)] = ... 
                  parameters["b" + str(l)] = ...
    """
    
    L = len(parameters) // 2 # number of layers in the neural network

    # Update rule for each parameter. Use a for loop.
    ### START CODE HERE ### (≈ 3 lines of code)
    for l in range(L):
        parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - learning_rate * grads["dW" + str(l+1)]
        parameters["b" + str(l+1)] = parameters["b" + str(l+1)] - learning_rate * grads["db" + str(l+1)]
    ### END CODE HERE ###
    return parameters
'''),
    _code(r'''
parameters, grads = update_parameters_test_case()
parameters = update_parameters(parameters, grads, 0.1)

print ("W1 = "+ str(parameters["W1"]))
print ("b1 = "+ str(parameters["b1"]))
print ("W2 = "+ str(parameters["W2"]))
print ("b2 = "+ str(parameters["b2"]))
'''),
]


# ---------------------------------------------------------------------------------------------------------------
# Week 4, the 2021 release (W4A1: public_tests, dnn_utils, update_parameters(params, ...)), answered by a learner
# whose L_model_backward keeps the v3 numbering (grads["dA" + str(L)] for the last layer's input ... )
# ---------------------------------------------------------------------------------------------------------------

WEEK4_V3: list[Cell] = [
    _md(r'''
# Building your Deep Neural Network: Step by Step

Welcome to your week 4 assignment (part 1 of 2)! Previously you trained a 2-layer Neural Network with a single
hidden layer. This week, you will build a deep neural network with as many layers as you want!
'''),
    _code(r'''
import numpy as np
import h5py
import matplotlib.pyplot as plt
from testCases import *
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward
from public_tests import *

import copy
%matplotlib inline
plt.rcParams['figure.figsize'] = (5.0, 4.0) # set default size of plots
plt.rcParams['image.interpolation'] = 'nearest'
plt.rcParams['image.cmap'] = 'gray'

%load_ext autoreload
%autoreload 2

np.random.seed(1)
'''),
    _md(r'''
<a name='3'></a>
## 3 - Initialization

<a name='ex-1'></a>
### Exercise 1 - initialize_parameters
'''),
    _code(r'''
# GRADED FUNCTION: initialize_parameters

def initialize_parameters(n_x, n_h, n_y):
    """
    Argument:
    n_x -- size of the input layer
    n_h -- size of the hidden layer
    n_y -- size of the output layer
    
    Returns:
    parameters -- python dictionary containing your parameters:
                    W1 -- weight matrix of shape (n_h, n_x)
                    b1 -- bias vector of shape (n_h, 1)
                    W2 -- weight matrix of shape (n_y, n_h)
                    b2 -- bias vector of shape (n_y, 1)
    """
    
    np.random.seed(1)
    
    #(≈ 4 lines of code)
    # W1 = ...
    # b1 = ...
    # W2 = ...
    # b2 = ...
    # YOUR CODE STARTS HERE
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    # YOUR CODE ENDS HERE
    
    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    
    return parameters    
'''),
    _code(r'''
print("Test Case 1:\n")
parameters = initialize_parameters(3,2,1)

print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))

initialize_parameters_test_1(initialize_parameters)
'''),
    _code(r'''
# GRADED FUNCTION: initialize_parameters_deep

def initialize_parameters_deep(layer_dims):
    """
    Arguments:
    layer_dims -- python array (list) containing the dimensions of each layer in our network
    
    Returns:
    parameters -- python dictionary containing your parameters "W1", "b1", ..., "WL", "bL":
                    Wl -- weight matrix of shape (layer_dims[l], layer_dims[l-1])
                    bl -- bias vector of shape (layer_dims[l], 1)
    """
    
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims) # number of layers in the network

    for l in range(1, L):
        #(≈ 2 lines of code)
        # parameters['W' + str(l)] = ...
        # parameters['b' + str(l)] = ...
        # YOUR CODE STARTS HERE
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
        # YOUR CODE ENDS HERE
        
        assert(parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l - 1]))
        assert(parameters['b' + str(l)].shape == (layer_dims[l], 1))

        
    return parameters
'''),
    _code(r'''
print("Test Case 1:\n")
parameters = initialize_parameters_deep([5,4,3])

print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))

initialize_parameters_deep_test_1(initialize_parameters_deep)
'''),
    _code(r'''
# GRADED FUNCTION: linear_forward

def linear_forward(A, W, b):
    """
    Implement the linear part of a layer's forward propagation.

    Arguments:
    A -- activations from previous layer (or input data): (size of previous layer, number of examples)
    W -- weights matrix: numpy array of shape (size of current layer, size of previous layer)
    b -- bias vector, numpy array of shape (size of the current layer, 1)

    Returns:
    Z -- the input of the activation function, also called pre-activation parameter 
    cache -- a python tuple containing "A", "W" and "b" ; stored for computing the backward pass efficiently
    """
    
    #(≈ 1 line of code)
    # Z = ...
    # YOUR CODE STARTS HERE
    Z = W @ A + b
    # YOUR CODE ENDS HERE
    cache = (A, W, b)
    
    return Z, cache
'''),
    _code(r'''
t_A, t_W, t_b = linear_forward_test_case()
t_Z, t_linear_cache = linear_forward(t_A, t_W, t_b)
print("Z = " + str(t_Z))

linear_forward_test(linear_forward)
'''),
    _code(r'''
# GRADED FUNCTION: linear_activation_forward

def linear_activation_forward(A_prev, W, b, activation):
    """
    Implement the forward propagation for the LINEAR->ACTIVATION layer

    Arguments:
    A_prev -- activations from previous layer (or input data): (size of previous layer, number of examples)
    W -- weights matrix: numpy array of shape (size of current layer, size of previous layer)
    b -- bias vector, numpy array of shape (size of the current layer, 1)
    activation -- the activation to be used in this layer, stored as a text string: "sigmoid" or "relu"

    Returns:
    A -- the output of the activation function, also called the post-activation value 
    cache -- a python tuple containing "linear_cache" and "activation_cache";
             stored for computing the backward pass efficiently
    """
    
    if activation == "sigmoid":
        #(≈ 2 lines of code)
        # Z, linear_cache = ...
        # A, activation_cache = ...
        # YOUR CODE STARTS HERE
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
        # YOUR CODE ENDS HERE
    
    elif activation == "relu":
        #(≈ 2 lines of code)
        # Z, linear_cache = ...
        # A, activation_cache = ...
        # YOUR CODE STARTS HERE
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)
        # YOUR CODE ENDS HERE
    cache = (linear_cache, activation_cache)

    return A, cache
'''),
    _code(r'''
t_A_prev, t_W, t_b = linear_activation_forward_test_case()

t_A, t_linear_activation_cache = linear_activation_forward(t_A_prev, t_W, t_b, activation = "sigmoid")
print("With sigmoid: A = " + str(t_A))

t_A, t_linear_activation_cache = linear_activation_forward(t_A_prev, t_W, t_b, activation = "relu")
print("With ReLU: A = " + str(t_A))

linear_activation_forward_test(linear_activation_forward)
'''),
    _code(r'''
# GRADED FUNCTION: L_model_forward

def L_model_forward(X, parameters):
    """
    Implement forward propagation for the [LINEAR->RELU]*(L-1)->LINEAR->SIGMOID computation
    
    Arguments:
    X -- data, numpy array of shape (input size, number of examples)
    parameters -- output of initialize_parameters_deep()
    
    Returns:
    AL -- activation value from the output (last) layer
    caches -- list of caches containing:
                every cache of linear_activation_forward() (there are L of them, indexed from 0 to L-1)
    """

    caches = []
    A = X
    L = len(parameters) // 2                  # number of layers in the neural network
    
    # Implement [LINEAR -> RELU]*(L-1). Add "cache" to the "caches" list.
    # The for loop starts at 1 because layer 0 is the input
    for l in range(1, L):
        A_prev = A 
        #(≈ 2 lines of code)
        # A, cache = ...
        # caches ...
        # YOUR CODE STARTS HERE
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
        # YOUR CODE ENDS HERE
    
    # Implement LINEAR -> SIGMOID. Add "cache" to the "caches" list.
    #(≈ 2 lines of code)
    # AL, cache = ...
    # caches ...
    # YOUR CODE STARTS HERE
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    # YOUR CODE ENDS HERE
          
    return AL, caches
'''),
    _code(r'''
t_X, t_parameters = L_model_forward_test_case_2hidden()
t_AL, t_caches = L_model_forward(t_X, t_parameters)

print("AL = " + str(t_AL))

L_model_forward_test(L_model_forward)
'''),
    _code(r'''
# GRADED FUNCTION: compute_cost

def compute_cost(AL, Y):
    """
    Implement the cost function defined by equation (7).

    Arguments:
    AL -- probability vector corresponding to your label predictions, shape (1, number of examples)
    Y -- true "label" vector (for example: containing 0 if non-cat, 1 if cat), shape (1, number of examples)

    Returns:
    cost -- cross-entropy cost
    """
    
    m = Y.shape[1]

    # Compute loss from aL and y.
    # (≈ 1 lines of code)
    # cost = ...
    # YOUR CODE STARTS HERE
    cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
    # YOUR CODE ENDS HERE
    
    cost = np.squeeze(cost)      # To make sure your cost's shape is what we expect (e.g. this turns [[17]] into 17).

    
    return cost
'''),
    _code(r'''
t_Y, t_AL = compute_cost_test_case()
t_cost = compute_cost(t_AL, t_Y)

print("Cost: " + str(t_cost))

compute_cost_test(compute_cost)
'''),
    _code(r'''
# GRADED FUNCTION: linear_backward

def linear_backward(dZ, cache):
    """
    Implement the linear portion of backward propagation for a single layer (layer l)

    Arguments:
    dZ -- Gradient of the cost with respect to the linear output (of current layer l)
    cache -- tuple of values (A_prev, W, b) coming from the forward propagation in the current layer

    Returns:
    dA_prev -- Gradient of the cost with respect to the activation (of the previous layer l-1), same shape as A_prev
    dW -- Gradient of the cost with respect to W (current layer l), same shape as W
    db -- Gradient of the cost with respect to b (current layer l), same shape as b
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]

    ### START CODE HERE ### (≈ 3 lines of code)
    # dW = ...
    # db = ... sum by the rows of dZ with keepdims=True
    # dA_prev = ...
    # YOUR CODE STARTS HERE
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    # YOUR CODE ENDS HERE
    
    return dA_prev, dW, db
'''),
    _code(r'''
t_dZ, t_linear_cache = linear_backward_test_case()
t_dA_prev, t_dW, t_db = linear_backward(t_dZ, t_linear_cache)

print("dA_prev: " + str(t_dA_prev))
print("dW: " + str(t_dW))
print("db: " + str(t_db))

linear_backward_test(linear_backward)
'''),
    _code(r'''
# GRADED FUNCTION: linear_activation_backward

def linear_activation_backward(dA, cache, activation):
    """
    Implement the backward propagation for the LINEAR->ACTIVATION layer.
    
    Arguments:
    dA -- post-activation gradient for current layer l 
    cache -- tuple of values (linear_cache, activation_cache) we store for computing backward propagation efficiently
    activation -- the activation to be used in this layer, stored as a text string: "sigmoid" or "relu"
    
    Returns:
    dA_prev -- Gradient of the cost with respect to the activation (of the previous layer l-1), same shape as A_prev
    dW -- Gradient of the cost with respect to W (current layer l), same shape as W
    db -- Gradient of the cost with respect to b (current layer l), same shape as b
    """
    linear_cache, activation_cache = cache
    
    if activation == "relu":
        #(≈ 2 lines of code)
        # dZ =  ...
        # dA_prev, dW, db =  ...
        # YOUR CODE STARTS HERE
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
        # YOUR CODE ENDS HERE
        
    elif activation == "sigmoid":
        #(≈ 2 lines of code)
        # dZ =  ...
        # dA_prev, dW, db =  ...
        # YOUR CODE STARTS HERE
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
        # YOUR CODE ENDS HERE
    
    return dA_prev, dW, db
'''),
    _code(r'''
t_dAL, t_linear_activation_cache = linear_activation_backward_test_case()

t_dA_prev, t_dW, t_db = linear_activation_backward(t_dAL, t_linear_activation_cache, activation = "sigmoid")
print("With sigmoid: dA_prev = " + str(t_dA_prev))
print("With sigmoid: dW = " + str(t_dW))
print("With sigmoid: db = " + str(t_db))

t_dA_prev, t_dW, t_db = linear_activation_backward(t_dAL, t_linear_activation_cache, activation = "relu")
print("With relu: dA_prev = " + str(t_dA_prev))
print("With relu: dW = " + str(t_dW))
print("With relu: db = " + str(t_db))

linear_activation_backward_test(linear_activation_backward)
'''),
    _code(r'''
# GRADED FUNCTION: L_model_backward

def L_model_backward(AL, Y, caches):
    """
    Implement the backward propagation for the [LINEAR->RELU] * (L-1) -> LINEAR -> SIGMOID group
    
    Arguments:
    AL -- probability vector, output of the forward propagation (L_model_forward())
    Y -- true "label" vector (containing 0 if non-cat, 1 if cat)
    caches -- list of caches containing:
                every cache of linear_activation_forward() with "relu" (it's caches[l], for l in range(L-1) i.e l = 0...L-2)
                the cache of linear_activation_forward() with "sigmoid" (it's caches[L-1])
    
    Returns:
    grads -- A dictionary with the gradients
             grads["dA" + str(l)] = ... 
             grads["dW" + str(l)] = ...
             grads["db" + str(l)] = ... 
    """
    grads = {}
    L = len(caches) # the number of layers
    m = AL.shape[1]
    Y = Y.reshape(AL.shape) # after this line, Y is the same shape as AL
    
    # Initializing the backpropagation
    #(1 line of code)
    # dAL = ...
    # YOUR CODE STARTS HERE
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    # YOUR CODE ENDS HERE
    
    # Lth layer (SIGMOID -> LINEAR) gradients. Inputs: "dAL, current_cache". Outputs: "grads["dAL-1"], grads["dWL"], grads["dbL"]
    #(approx. 5 lines)
    # current_cache = ...
    # dA_prev_temp, dW_temp, db_temp = ...
    # grads["dA" + str(L-1)] = ...
    # grads["dW" + str(L)] = ...
    # grads["db" + str(L)] = ...
    # YOUR CODE STARTS HERE
    current_cache = caches[L-1]
    grads["dA" + str(L)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(dAL, current_cache, "sigmoid")
    # YOUR CODE ENDS HERE
    
    # Loop from l=L-2 to l=0
    for l in reversed(range(L-1)):
        # lth layer: (RELU -> LINEAR) gradients.
        # Inputs: "grads["dA" + str(l + 1)], current_cache". Outputs: "grads["dA" + str(l)] , grads["dW" + str(l + 1)] , grads["db" + str(l + 1)] 
        #(approx. 5 lines)
        # current_cache = ...
        # dA_prev_temp, dW_temp, db_temp = ...
        # grads["dA" + str(l)] = ...
        # grads["dW" + str(l + 1)] = ...
        # grads["db" + str(l + 1)] = ...
        # YOUR CODE STARTS HERE
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 2)], current_cache, "relu")
        grads["dA" + str(l + 1)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
        # YOUR CODE ENDS HERE

    return grads
'''),
    _code(r'''
t_AL, t_Y_assess, t_caches = L_model_backward_test_case()
grads = L_model_backward(t_AL, t_Y_assess, t_caches)

print("dA0 = " + str(grads['dA0']))
print("dA1 = " + str(grads['dA1']))
print("dW1 = " + str(grads['dW1']))
print("dW2 = " + str(grads['dW2']))
print("db1 = " + str(grads['db1']))
print("db2 = " + str(grads['db2']))

L_model_backward_test(L_model_backward)
'''),
    _code(r'''
# GRADED FUNCTION: update_parameters

def update_parameters(params, grads, learning_rate):
    """
    Update parameters using gradient descent
    
    Arguments:
    params -- python dictionary containing your parameters 
    grads -- python dictionary containing your gradients, output of L_model_backward
    
    Returns:
    parameters -- python dictionary containing your updated parameters 
                  parameters["W" + str(l)] = ... 
                  parameters["b" + str(l)] = ...
    """
    parameters = params.copy()
    L = len(parameters) // 2 # number of layers in the neural network

    # Update rule for each parameter. Use a for loop.
    #(≈ 2 lines of code)
    for l in range(L):
        # parameters["W" + str(l+1)] = ...
        # parameters["b" + str(l+1)] = ...
        # YOUR CODE STARTS HERE
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
        # YOUR CODE ENDS HERE
    return parameters
'''),
    _code(r'''
t_parameters, grads = update_parameters_test_case()
t_parameters = update_parameters(t_parameters, grads, 0.1)

print ("W1 = "+ str(t_parameters["W1"]))
print ("b1 = "+ str(t_parameters["b1"]))
print ("W2 = "+ str(t_parameters["W2"]))
print ("b2 = "+ str(t_parameters["b2"]))

update_parameters_test(update_parameters)
'''),
]


# ---------------------------------------------------------------------------------------------------------------
# Week 4: Deep Neural Network for Image Classification: Application, the 2021 release (dnn_app_utils_v3)
# ---------------------------------------------------------------------------------------------------------------

APP: list[Cell] = [
    _md(r'''
# Deep Neural Network for Image Classification: Application

By the time you complete this notebook, you will have finished the last programming assignment of Week 4, and also
the last programming assignment of Course 1! Go you!

To build your cat/not-a-cat classifier, you'll use the functions from the previous assignment to build a deep
network. Hopefully, you'll see an improvement in accuracy over your previous logistic regression implementation.
'''),
    _md(r'''
<a name='1'></a>
## 1 - Packages
'''),
    _code(r'''
import time
import numpy as np
import h5py
import matplotlib.pyplot as plt
import scipy
from PIL import Image
from scipy import ndimage
from dnn_app_utils_v3 import *
from public_tests import *

%matplotlib inline
plt.rcParams['figure.figsize'] = (5.0, 4.0) # set default size of plots
plt.rcParams['image.interpolation'] = 'nearest'
plt.rcParams['image.cmap'] = 'gray'

%load_ext autoreload
%autoreload 2

np.random.seed(1)
'''),
    _md(r'''
<a name='2'></a>
## 2 - Load and Process the Dataset
'''),
    _code(r'''
train_x_orig, train_y, test_x_orig, test_y, classes = load_data()
'''),
    _code(r'''
# Example of a picture
index = 10
plt.imshow(train_x_orig[index])
print ("y = " + str(train_y[0,index]) + ". It's a " + classes[train_y[0,index]].decode("utf-8") +  " picture.")
'''),
    _code(r'''
# Explore your dataset 
m_train = train_x_orig.shape[0]
num_px = train_x_orig.shape[1]
m_test = test_x_orig.shape[0]

print ("Number of training examples: " + str(m_train))
print ("Number of testing examples: " + str(m_test))
print ("Each image is of size: (" + str(num_px) + ", " + str(num_px) + ", 3)")
print ("train_x_orig shape: " + str(train_x_orig.shape))
print ("train_y shape: " + str(train_y.shape))
print ("test_x_orig shape: " + str(test_x_orig.shape))
print ("test_y shape: " + str(test_y.shape))
'''),
    _code(r'''
# Reshape the training and test examples 
train_x_flatten = train_x_orig.reshape(train_x_orig.shape[0], -1).T   # The "-1" makes reshape flatten the remaining dimensions
test_x_flatten = test_x_orig.reshape(test_x_orig.shape[0], -1).T

# Standardize data to have feature values between 0 and 1.
train_x = train_x_flatten/255.
test_x = test_x_flatten/255.

print ("train_x's shape: " + str(train_x.shape))
print ("test_x's shape: " + str(test_x.shape))
'''),
    _md(r'''
<a name='4'></a>
## 4 - Two-layer Neural Network

<a name='ex-1'></a>
### Exercise 1 - two_layer_model 
'''),
    _code(r'''
### CONSTANTS DEFINING THE MODEL ####
n_x = 12288     # num_px * num_px * 3
n_h = 7
n_y = 1
layers_dims = (n_x, n_h, n_y)
learning_rate = 0.0075
'''),
    _code(r'''
# GRADED FUNCTION: two_layer_model

def two_layer_model(X, Y, layers_dims, learning_rate = 0.0075, num_iterations = 3000, print_cost=False):
    """
    Implements a two-layer neural network: LINEAR->RELU->LINEAR->SIGMOID.
    
    Arguments:
    X -- input data, of shape (n_x, number of examples)
    Y -- true "label" vector (containing 1 if cat, 0 if non-cat), of shape (1, number of examples)
    layers_dims -- dimensions of the layers (n_x, n_h, n_y)
    num_iterations -- number of iterations of the optimization loop
    learning_rate -- learning rate of the gradient descent update rule
    print_cost -- If set to True, this will print the cost every 100 iterations 
    
    Returns:
    parameters -- a dictionary containing W1, W2, b1, and b2
    """
    
    np.random.seed(1)
    grads = {}
    costs = []                              # to keep track of the cost
    m = X.shape[1]                           # number of examples
    (n_x, n_h, n_y) = layers_dims
    
    # Initialize parameters dictionary, by calling one of the functions you'd previously implemented
    #(≈ 1 line of code)
    # parameters = ...
    # YOUR CODE STARTS HERE
    parameters = initialize_parameters(n_x, n_h, n_y)
    # YOUR CODE ENDS HERE
    
    # Get W1, b1, W2 and b2 from the dictionary parameters.
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    
    # Loop (gradient descent)

    for i in range(0, num_iterations):

        # Forward propagation: LINEAR -> RELU -> LINEAR -> SIGMOID. Inputs: "X, W1, b1, W2, b2". Output: "A1, cache1, A2, cache2".
        #(≈ 2 lines of code)
        # A1, cache1 = ...
        # A2, cache2 = ...
        # YOUR CODE STARTS HERE
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        # YOUR CODE ENDS HERE
        
        # Compute cost
        #(≈ 1 line of code)
        # cost = ...
        # YOUR CODE STARTS HERE
        cost = compute_cost(A2, Y)
        # YOUR CODE ENDS HERE
        
        # Initializing backward propagation
        dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        
        # Backward propagation. Inputs: "dA2, cache2, cache1". Outputs: "dA1, dW2, db2; also dA0 (not used), dW1, db1".
        #(≈ 2 lines of code)
        # dA1, dW2, db2 = ...
        # dA0, dW1, db1 = ...
        # YOUR CODE STARTS HERE
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        # YOUR CODE ENDS HERE
        
        # Set grads['dWl'] to dW1, grads['db1'] to db1, grads['dW2'] to dW2, grads['db2'] to db2
        grads['dW1'] = dW1
        grads['db1'] = db1
        grads['dW2'] = dW2
        grads['db2'] = db2
        
        # Update parameters.
        #(approx. 1 line of code)
        # parameters = ...
        # YOUR CODE STARTS HERE
        parameters = update_parameters(parameters, grads, learning_rate)
        # YOUR CODE ENDS HERE

        # Retrieve W1, b1, W2, b2 from parameters
        W1 = parameters["W1"]
        b1 = parameters["b1"]
        W2 = parameters["W2"]
        b2 = parameters["b2"]
        
        # Print the cost every 100 iterations
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)

    return parameters, costs

def plot_costs(costs, learning_rate=0.0075):
    plt.plot(np.squeeze(costs))
    plt.ylabel('cost')
    plt.xlabel('iterations (per hundreds)')
    plt.title("Learning rate =" + str(learning_rate))
    plt.show()
'''),
    _code(r'''
parameters, costs = two_layer_model(train_x, train_y, layers_dims = (n_x, n_h, n_y), num_iterations = 2, print_cost=False)

print("Cost after first iteration: " + str(costs[0]))

two_layer_model_test(two_layer_model)
'''),
    _code(r'''
parameters, costs = two_layer_model(train_x, train_y, layers_dims = (n_x, n_h, n_y), num_iterations = 2500, print_cost=True)
plot_costs(costs, learning_rate)
'''),
    _code(r'''
predictions_train = predict(train_x, train_y, parameters)
'''),
    _code(r'''
predictions_test = predict(test_x, test_y, parameters)
'''),
    _md(r'''
<a name='5'></a>
## 5 - L-layer Neural Network

<a name='ex-2'></a>
### Exercise 2 - L_layer_model 
'''),
    _code(r'''
### CONSTANTS ###
layers_dims = [12288, 20, 7, 5, 1] #  4-layer model
'''),
    _code(r'''
# GRADED FUNCTION: L_layer_model

def L_layer_model(X, Y, layers_dims, learning_rate = 0.0075, num_iterations = 3000, print_cost=False):
    """
    Implements a L-layer neural network: [LINEAR->RELU]*(L-1)->LINEAR->SIGMOID.
    
    Arguments:
    X -- input data, of shape (n_x, number of examples)
    Y -- true "label" vector (containing 1 if cat, 0 if non-cat), of shape (1, number of examples)
    layers_dims -- list containing the input size and each layer size, of length (number of layers + 1).
    learning_rate -- learning rate of the gradient descent update rule
    num_iterations -- number of iterations of the optimization loop
    print_cost -- if True, it prints the cost every 100 steps
    
    Returns:
    parameters -- parameters learnt by the model. They can then be used to predict.
    """

    np.random.seed(1)
    costs = []                         # keep track of cost
    
    # Parameters initialization.
    #(≈ 1 line of code)
    # parameters = ...
    # YOUR CODE STARTS HERE
    parameters = initialize_parameters_deep(layers_dims)
    # YOUR CODE ENDS HERE
    
    # Loop (gradient descent)
    for i in range(0, num_iterations):

        # Forward propagation: [LINEAR -> RELU]*(L-1) -> LINEAR -> SIGMOID.
        #(≈ 1 line of code)
        # AL, caches = ...
        # YOUR CODE STARTS HERE
        AL, caches = L_model_forward(X, parameters)
        # YOUR CODE ENDS HERE
        
        # Compute cost.
        #(≈ 1 line of code)
        # cost = ...
        # YOUR CODE STARTS HERE
        cost = compute_cost(AL, Y)
        # YOUR CODE ENDS HERE
    
        # Backward propagation.
        #(≈ 1 line of code)
        # grads = ...    
        # YOUR CODE STARTS HERE
        grads = L_model_backward(AL, Y, caches)
        # YOUR CODE ENDS HERE
 
        # Update parameters.
        #(≈ 1 line of code)
        # parameters = ...
        # YOUR CODE STARTS HERE
        parameters = update_parameters(parameters, grads, learning_rate)
        # YOUR CODE ENDS HERE
                
        # Print the cost every 100 iterations
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)
    
    return parameters, costs
'''),
    _code(r'''
parameters, costs = L_layer_model(train_x, train_y, layers_dims, num_iterations = 1, print_cost = False)

print("Cost after first iteration: " + str(costs[0]))

L_layer_model_test(L_layer_model)
'''),
    _code(r'''
parameters, costs = L_layer_model(train_x, train_y, layers_dims, num_iterations = 2500, print_cost = True)
'''),
    _code(r'''
pred_train = predict(train_x, train_y, parameters)
'''),
    _code(r'''
pred_test = predict(test_x, test_y, parameters)
'''),
    _md(r'''
<a name='6'></a>
##  6 - Results Analysis
'''),
    _code(r'''
print_mislabeled_images(classes, test_x, test_y, pred_test)
'''),
    _md(r'''
<a name='7'></a>
## 7 - Test with your own image (optional/ungraded exercise) ##
'''),
    _code(r'''
## START CODE HERE ##
my_image = "my_image.jpg" # change this to the name of your image file 
my_label_y = [1] # the true class of your image (1 -> cat, 0 -> non-cat)
## END CODE HERE ##

fname = "images/" + my_image
image = np.array(Image.open(fname).resize((num_px, num_px)))
plt.imshow(image)
image = image / 255.
image = image.reshape((1, num_px * num_px * 3)).T

my_predicted_image = predict(image, my_label_y, parameters)


print ("y = " + str(np.squeeze(my_predicted_image)) + ", your L-layer model predicts a \"" + classes[int(np.squeeze(my_predicted_image)),].decode("utf-8") +  "\" picture.")
'''),
]

SUBMISSIONS: dict[str, list[Cell]] = {
    "week2": WEEK2,
    "week2_v1": WEEK2_V1,
    "week3": WEEK3,
    "week3_v1": WEEK3_V1,
    "week4": WEEK4,
    "week4_v3": WEEK4_V3,
    "app": APP,
}


# ---------------------------------------------------------------------------------------------------------------
# Mistakes: one line or two that a learner really gets wrong, planted into a correct submission
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """Replacing ``old`` (found exactly once in the code of ``base``) with ``new`` plants one learner mistake.

    ``rosetta check`` should fail ``function`` with a diagnosis that contains ``diagnosis``.
    """

    id: str
    base: str  # key of SUBMISSIONS
    old: str
    new: str
    function: str
    diagnosis: str


MISTAKES: list[Mistake] = [
    # 1/m forgotten, or taken twice
    Mistake("db_without_1_over_m", "week2",
            "    db = 1 / m * np.sum(A - Y)\n", "    db = np.sum(A - Y)\n",
            "propagate", "off by a factor of m"),
    Mistake("dw_without_1_over_m", "week2_v1",
            "    dw = 1/m*np.dot(X,(A-Y).T)\n", "    dw = np.dot(X,(A-Y).T)\n",
            "propagate", "off by a factor of m"),
    Mistake("deep_cost_without_1_over_m", "week4",
            "    cost = -1 / m * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))\n",
            "    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))\n",
            "compute_cost", "off by a factor of m"),
    Mistake("shallow_cost_without_1_over_m", "week3_v1",
            "    cost = -np.sum(logprobs)/m\n", "    cost = -np.sum(logprobs)\n",
            "compute_cost", "off by a factor of m"),
    Mistake("dW_divided_by_m_twice", "week4",
            "    dW = 1 / m * np.dot(dZ, A_prev.T)\n", "    dW = 1 / m * np.dot(dZ, A_prev.T) / m\n",
            "linear_backward", "1/m once too often"),
    # the cost
    Mistake("shallow_cost_without_minus", "week3",
            "    cost = - np.sum(logprobs) / m\n", "    cost = np.sum(logprobs) / m\n",
            "compute_cost", "sign flipped"),
    Mistake("logistic_cost_without_minus", "week2_v1",
            "    cost = -1/m*np.sum(Y*np.log(A)+(1-Y)*np.log(1-A))",
            "    cost = 1/m*np.sum(Y*np.log(A)+(1-Y)*np.log(1-A))",
            "propagate", "sign flipped"),
    Mistake("cost_not_squeezed", "week2",
            "    # YOUR CODE ENDS HERE\n    cost = np.squeeze(np.array(cost))\n", "    # YOUR CODE ENDS HERE\n",
            "propagate", "not a scalar"),
    # predictions
    Mistake("predict_without_sigmoid", "week2",
            "    A = sigmoid(np.dot(w.T, X) + b)\n    # YOUR CODE ENDS HERE\n    \n    for i",
            "    A = np.dot(w.T, X) + b\n    # YOUR CODE ENDS HERE\n    \n    for i",
            "predict", "without the sigmoid"),
    Mistake("predict_without_b", "week2_v1",
            "    A = sigmoid(np.dot(w.T,X)+b)\n    ### END CODE HERE ###",
            "    A = sigmoid(np.dot(w.T,X))\n    ### END CODE HERE ###",
            "predict", "without b"),
    Mistake("predict_returns_A2", "week3",
            "    predictions = (A2 > 0.5)\n", "    predictions = A2\n",
            "predict", "probabilities, not 0/1 labels"),
    # shapes
    Mistake("db1_without_keepdims", "week3",
            "    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)\n", "    db1 = np.sum(dZ1, axis=1) / m\n",
            "backward_propagation", "a dimension dropped"),
    Mistake("b_as_a_flat_vector", "week4_v3",
            "        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))\n"
            "        # YOUR CODE ENDS HERE\n"
            "        \n"
            "        assert(parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l - 1]))\n"
            "        assert(parameters['b' + str(l)].shape == (layer_dims[l], 1))\n",
            "        parameters['b' + str(l)] = np.zeros(layer_dims[l])\n"
            "        # YOUR CODE ENDS HERE\n"
            "        \n"
            "        assert(parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l - 1]))\n"
            "        # assert(parameters['b' + str(l)].shape == (layer_dims[l], 1))\n",
            "initialize_parameters_deep", "a dimension dropped"),
    Mistake("W_drawn_transposed", "week4",
            "        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01\n"
            "        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))\n"
            "        ### END CODE HERE ###\n"
            "        \n"
            "        assert(parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l-1]))\n",
            "        parameters['W' + str(l)] = np.random.randn(layer_dims[l-1], layer_dims[l]) * 0.01\n"
            "        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))\n"
            "        ### END CODE HERE ###\n"
            "        \n"
            "        #assert(parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l-1]))\n",
            "initialize_parameters_deep", "transposed"),
    Mistake("db_summed_over_every_axis", "week4_v3",
            "    db = np.sum(dZ, axis=1, keepdims=True) / m\n", "    db = np.sum(dZ) / m\n",
            "linear_backward", "summed over every axis"),
    # numbers written in
    Mistake("n_x_hard_coded", "week3",
            "    n_x = X.shape[0]\n    n_h = 4\n", "    n_x = 2\n    n_h = 4\n",
            "layer_sizes", "hard-coded"),
    Mistake("update_loops_over_two_layers", "week4",
            "    for l in range(L):\n", "    for l in range(2):\n",
            "update_parameters", "hard-coded"),
    # activations and their derivatives
    Mistake("dZ1_with_1_minus_A1", "week3",
            "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))\n", "    dZ1 = np.dot(W2.T, dZ2) * (1 - A1)\n",
            "backward_propagation", "1 - A instead of 1 - A**2"),
    Mistake("tanh_derivative_of_A1", "week3_v1",
            "    dZ1 = np.dot(W2.T,dZ2)*(1 - np.power(A1, 2))\n", "    dZ1 = np.dot(W2.T,dZ2)*(1 - np.tanh(A1)**2)\n",
            "backward_propagation", "derivative taken at A instead of Z"),
    Mistake("sigmoid_hidden_layer", "week3",
            "    A1 = np.tanh(Z1)\n", "    A1 = sigmoid(Z1)\n",
            "forward_propagation", "sigmoid where tanh belongs"),
    Mistake("relu_branch_calls_sigmoid", "week4",
            "        A, activation_cache = relu(Z)\n", "        A, activation_cache = sigmoid(Z)\n",
            "linear_activation_forward", "sigmoid where relu belongs"),
    Mistake("relu_branch_calls_sigmoid_backward", "week4",
            "        dZ = relu_backward(dA, activation_cache)\n", "        dZ = sigmoid_backward(dA, activation_cache)\n",
            "linear_activation_backward", "sigmoid' where relu' belongs"),
    # the loops
    Mistake("backward_loop_reads_dA_L_minus_1", "week4",
            'linear_activation_backward(grads["dA" + str(l + 1)], current_cache, activation = "relu")',
            'linear_activation_backward(grads["dA" + str(L-1)], current_cache, activation = "relu")',
            "L_model_backward", "works for 2 layers only"),
    Mistake("update_in_place", "week4",
            '        parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - learning_rate * grads["dW" + str(l+1)]\n'
            '        parameters["b" + str(l+1)] = parameters["b" + str(l+1)] - learning_rate * grads["db" + str(l+1)]\n',
            '        parameters["W" + str(l+1)] -= learning_rate * grads["dW" + str(l+1)]\n'
            '        parameters["b" + str(l+1)] -= learning_rate * grads["db" + str(l+1)]\n',
            "update_parameters", "in place"),
    Mistake("update_in_place_after_shallow_copy", "week4_v3",
            '        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]\n',
            '        parameters["W" + str(l + 1)] -= learning_rate * grads["dW" + str(l + 1)]\n',
            "update_parameters", "in place"),
    Mistake("b_never_updated", "week2",
            "        w = w - learning_rate * dw\n        b = b - learning_rate * db\n",
            "        w = w - learning_rate * dw\n",
            "optimize", "never updated"),
    Mistake("L_layer_model_fixed_learning_rate", "app",
            "        grads = L_model_backward(AL, Y, caches)\n        # YOUR CODE ENDS HERE\n",
            "        grads = L_model_backward(AL, Y, caches)\n        learning_rate = 0.0075\n"
            "        # YOUR CODE ENDS HERE\n",
            "L_layer_model", "ignores its learning_rate argument"),
]


# ---------------------------------------------------------------------------------------------------------------
# Hostile files: a graded function that, when called, loops, exits, floods, allocates or deletes files
# ---------------------------------------------------------------------------------------------------------------

_HOSTILE_HEADER = '''#!/usr/bin/env python
# coding: utf-8

# # Building your Deep Neural Network: Step by Step

# In[1]:


import numpy as np
{imports}

# In[2]:


# GRADED FUNCTION: linear_forward

def linear_forward(A, W, b):
    """
    Implement the linear part of a layer's forward propagation.
    """
    ### START CODE HERE ### (≈ 1 line of code)
    Z = np.dot(W, A) + b
    ### END CODE HERE ###
    assert(Z.shape == (W.shape[0], A.shape[1]))
    cache = (A, W, b)

    return Z, cache


# In[3]:


'''

_INIT_DEEP = '''# GRADED FUNCTION: initialize_parameters_deep

def initialize_parameters_deep(layer_dims):
    """
    Arguments:
    layer_dims -- python array (list) containing the dimensions of each layer in our network
    """
    np.random.seed(3)
    parameters = {{}}
    L = len(layer_dims)            # number of layers in the network
{body}
    return parameters
'''

_INIT_LOOP = '''
    for l in range(1, L):
        ### START CODE HERE ### (≈ 2 lines of code)
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
        ### END CODE HERE ###
'''

_COMPUTE_COST = '''# GRADED FUNCTION: compute_cost

def compute_cost(AL, Y):
    """
    Implement the cost function defined by equation (7).
    """
    m = Y.shape[1]

    ### START CODE HERE ### (≈ 1 lines of code)
    cost = -1 / m * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    ### END CODE HERE ###
{body}
    cost = np.squeeze(cost)
    return cost
'''

HOSTILE: dict[str, str] = {
    # a while loop whose counter is never incremented
    "infinite_loop": _HOSTILE_HEADER.format(imports="") + _INIT_DEEP.format(body='''
    l = 1
    while l < L:
        ### START CODE HERE ### (≈ 2 lines of code)
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
        ### END CODE HERE ###
'''),
    "os_exit": _HOSTILE_HEADER.format(imports="import os\n") + _INIT_DEEP.format(body=_INIT_LOOP + '''
    os._exit(0)  # done, stop the kernel here
'''),
    "sys_exit": _HOSTILE_HEADER.format(imports="import sys\n") + _INIT_DEEP.format(body=_INIT_LOOP + '''
    sys.exit(0)
'''),
    # about 10 GB of float64
    "huge_allocation": _HOSTILE_HEADER.format(imports="") + _INIT_DEEP.format(body=_INIT_LOOP + '''
    scratch = np.ones(1_250_000_000)  # room for the gradients
    del scratch
'''),
    # about 100 MB on stdout before returning the correct cost
    "flood": _HOSTILE_HEADER.format(imports="") + _COMPUTE_COST.format(body='''
    for i in range(100):
        print("cost = " + str(cost) + " " + "x" * 1_000_000)
'''),
    # writes a file, then deletes every file in the working directory, then returns a correct result
    "files": _HOSTILE_HEADER.format(imports="import os\n") + _INIT_DEEP.format(body=_INIT_LOOP + '''
    with open("my_parameters.txt", "w") as f:
        f.write(str(parameters))
    for name in os.listdir("."):
        if os.path.isfile(name):
            os.remove(name)
'''),
    # a top-level import that fails, a top-level raise between two correct graded functions
    "import_error": _HOSTILE_HEADER.format(imports="from course_data_that_is_not_here import load\n")
    + '''raise RuntimeError("boom at import")


# In[4]:


''' + _INIT_DEEP.format(body=_INIT_LOOP),
}

# The graded function in each hostile file that misbehaves when called ("" where none does: the module itself does)
HOSTILE_FUNCTION: dict[str, str] = {
    "infinite_loop": "initialize_parameters_deep", "os_exit": "initialize_parameters_deep",
    "sys_exit": "initialize_parameters_deep", "huge_allocation": "initialize_parameters_deep",
    "flood": "compute_cost", "files": "initialize_parameters_deep", "import_error": "",
}


# ---------------------------------------------------------------------------------------------------------------
# Forms: what real learners' files look like (docs/learner-files.md counts them in public repositories), each
# reproduced here on our own correct submissions
# ---------------------------------------------------------------------------------------------------------------

IMPORTS = "<imports>"  # in Form.keep: the notebook's first code cell, its imports


@dataclass(frozen=True)
class Form:
    """One form a real learner's file takes: a correct submission with ``edits`` (every occurrence of ``old``
    replaced, in the cell that defines ``within`` if given; ``old`` must occur), cut to the code cells that define
    ``keep`` (a fragment), with the step-by-step cells of ``add_from`` put before it, and files of the learner's
    own written ``beside`` it (``module_from``: the graded functions of another submission as ``fun.py``)."""

    id: str
    base: str
    edits: tuple[tuple[str, str], ...] = ()
    within: str = ""
    keep: tuple[str, ...] = ()
    add_from: str = ""
    beside: tuple[tuple[str, str], ...] = ()
    module_from: str = ""  # a module of the learner's own, fun.py, beside it: the graded functions of this base
    folder: str = ""       # the submission (and what is beside it) one folder down in the learner's project


_OWN_LR_UTILS = """import numpy as np


def load_dataset():
    return None


def normalize_dataset(x):
    return x / 255.


def sigmoid(z):
    return 1 / (1 + np.exp(-z))
"""

_OWN_DNN_UTILS_WRONG = """import numpy as np


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def relu_backward(dA, cache):
    dZ = np.array(dA, copy=True)
    dZ[cache > 0] = 0  # my slip: the mask the wrong way round
    return dZ


def sigmoid_backward(dA, cache):
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)
"""

_DNN_IMPORT = "from dnn_utils_v2 import sigmoid, sigmoid_backward, relu, relu_backward"
_PREDICT_NO_SIGMOID = ("    A = sigmoid(np.dot(w.T, X) + b)\n    # YOUR CODE ENDS HERE\n",
                       "    A = np.dot(w.T, X) + b\n    # YOUR CODE ENDS HERE\n")

FORMS: dict[str, Form] = {f.id: f for f in (
    # the course's helpers brought in other ways
    Form("run_magic", "week4", ((_DNN_IMPORT, "%run '/home/someone/DeepNN/dnn_utils_v2.py'"),)),
    Form("package_qualified", "week4", (("from testCases_v4a import *",
                                         "from partIch4.testCases_v4a import *\nimport week3.testCases"),
                                        (_DNN_IMPORT, "from partIch4.dnn_utils import *"))),
    Form("partial_import", "week2", (("from lr_utils import load_dataset",
                                      "from lr_utils import load_dataset, normalize_dataset, sigmoid"),),
         keep=(IMPORTS, "propagate", "optimize")),
    Form("own_module_beside", "week2", (("from lr_utils import load_dataset",
                                         "from lr_utils import load_dataset, normalize_dataset, sigmoid"),),
         keep=(IMPORTS, "propagate", "optimize"), beside=(("lr_utils.py", _OWN_LR_UTILS),)),
    Form("own_helper_wrong", "week4", beside=(("dnn_utils_v2.py", _OWN_DNN_UTILS_WRONG),)),
    # fragments
    Form("fragment", "week2", keep=("propagate",)),
    Form("import_inside", "week2", (("def propagate(w, b, X, Y):\n",
                                     "def propagate(w, b, X, Y):\n    from sigmoid import sigmoid\n"),),
         keep=("propagate",)),
    # errors, and what they hide
    Form("own_assert", "week4", (("    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)\n",
                                  "    db = 1 / m * np.squeeze(np.sum(dZ, axis=1, keepdims=True))\n"),)),
    Form("raise_and_sign", "week4", (('linear_activation_backward(grads["dA" + str(l + 1)], current_cache, '
                                      'activation = "relu")',
                                      'linear_activation_backward(grads["dA" + str(L)], current_cache, '
                                      'activation = "relu")'),
                                     ("    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))\n",
                                      "    dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)\n"))),
    # callers of a wrong function
    Form("caller_of_wrong_predict", "week2", (_PREDICT_NO_SIGMOID,)),
    Form("callers_of_wrong_forward", "week3", (("    A1 = np.tanh(Z1)\n", "    A1 = sigmoid(Z1)\n"),)),
    Form("caller_with_its_own_mistake", "week2", (_PREDICT_NO_SIGMOID, (
        "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)\n",
        "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, 0.005, print_cost)\n"))),
    # the assignment, not a guess
    Form("application_with_step_functions", "app", add_from="week4"),
    Form("step_with_application_scale", "week4", ((
        "np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01",
        "np.random.randn(layer_dims[l], layer_dims[l-1]) / np.sqrt(layer_dims[l-1])  # Xavier: learns faster"),)),
    # near names, renamed arguments, globals, old NumPy
    Form("near_names", "week3", (("layer_sizes", "layer_size"),)),
    Form("near_name_zeros", "week2", (("initialize_with_zeros", "initialize_with_zero"),)),
    Form("misspelled_keyword", "app", (("num_iterations", "num_iteration"),), within="two_layer_model"),
    Form("old_numpy", "week2", (("    Y_prediction = np.zeros((1, m))\n",
                                 "    Y_prediction = np.zeros((1, m), dtype=np.float)\n"),)),
    # seen in the survey: one function a file, the template left as it was, a cell that does not parse
    Form("sibling_function_module", "week2", (("def propagate(w, b, X, Y):\n",
                                               "def propagate(w, b, X, Y):\n    from sigmoid import sigmoid\n"),),
         keep=("propagate",), beside=(("sigmoid.py", "import numpy as np\n\n\ndef sigmoid(z):\n"
                                                    "    return 1 / (1 + np.exp(-z))\n"),)),
    Form("template_left_as_it_was", "week2", (("    s = 1 / (1 + np.exp(-z))\n", "    s = None\n"),)),
    Form("template_emptied", "week2", (("    s = 1 / (1 + np.exp(-z))\n", ""),)),
    Form("cell_does_not_parse", "week3", (("    predictions = (A2 > 0.5)\n", "    predictions = (A2 > 0.5\n"),)),
    Form("python2_names", "week2", (("    for i in range(num_iterations):\n", "    for i in xrange(num_iterations):\n"),),
         within="optimize"),
    Form("names_of_their_own", "week2", (("propagate(", "propagation("),)),
    Form("driver_and_module", "week2", (("from public_tests import *", "from public_tests import *\nfrom fun import *"),),
         keep=(IMPORTS,), module_from="week2"),
    Form("package_from_the_project_root", "week2", (("from lr_utils import load_dataset",
                                                     "from Week2.lr_utils import load_dataset, sigmoid"),),
         keep=(IMPORTS, "propagate"), beside=(("lr_utils.py", _OWN_LR_UTILS),), folder="Week2"),
    Form("model_reads_the_test_set", "app", (("    return parameters, costs",
                                              "    print(predict(test_x, test_y, parameters))\n    return parameters, costs"),),
         within="L_layer_model"),
    # mistakes seen in the survey
    Form("global_for_an_argument", "app", (("def L_layer_model(X, Y, layers_dims,", "def L_layer_model(X, Y, layer_dims,"),)),
    Form("wrong_first_step", "app", (("        dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))\n",
                                      "        dA2 = - (np.divide(Y, A2) + np.divide(1 - Y, 1 - A2))\n"),)),
    Form("optimize_hard_coded", "week2", ((
        "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)\n",
        "    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=2000, learning_rate=0.5)\n"),)),
    Form("prediction_keys_swapped", "week2", (('"Y_prediction_train" : Y_prediction_train',
                                              '"Y_prediction_train" : Y_prediction_test'),), within="model"),
    Form("element_wise_product", "week2", (("    dw = 1 / m * np.dot(X, (A - Y).T)\n", "    dw = 1 / m * X * (A - Y)\n"),)),
    Form("int_b_in_2021", "week2", (("    b = 0.\n", "    b = 0\n"),)),
    Form("inline_helper_wrong", "week4", ((_DNN_IMPORT, "from dnn_utils_v2 import sigmoid, sigmoid_backward, "
                                           "relu_backward\n\ndef relu(Z):\n    return np.maximum(0, Z)"),)),
)}


def _defines(source: str) -> set[str]:
    return set(re.findall(r"^def (\w+)\(", source, re.MULTILINE))


def formed(form: Form) -> list[Cell]:
    """The cells of ``form``; raises ValueError when an edit's ``old`` is not in the base's code."""
    cells = list(SUBMISSIONS[form.base])
    code = code_of(cells)
    for old, _ in form.edits:
        if old not in code:
            raise ValueError(f"{form.id}: expected {old[:40]!r} in the code of {form.base!r}")
    cells = [(kind, _replaced(source, form.edits) if kind == "code" and (not form.within or form.within in
                                                                          _defines(source)) else source)
             for kind, source in cells]
    if form.keep:
        codes = [source for kind, source in cells if kind == "code"]
        cells = [("code", source) for i, source in enumerate(codes)
                 if (i == 0 and IMPORTS in form.keep) or _defines(source) & set(form.keep)]
    if form.add_from:
        steps = [("code", source) for kind, source in SUBMISSIONS[form.add_from] if kind == "code"
                 and _defines(source)]
        first = next(i for i, (kind, _) in enumerate(cells) if kind == "code")  # after the imports
        cells = cells[:first + 1] + steps + cells[first + 1:]
    return cells


def _replaced(source: str, edits) -> str:
    for old, new in edits:
        source = source.replace(old, new)
    return source


def write_form(form: Form, folder: str | Path, suffix: str = ".ipynb") -> Path:
    """``folder/<form id>/`` with the learner's files beside ``submission.ipynb`` (or ``.py``, as nbconvert)."""
    home = Path(folder) / form.id / form.folder
    home.mkdir(parents=True, exist_ok=True)
    for name, text in form.beside:
        (home / name).write_text(text, encoding="utf-8")
    if form.module_from:
        module = [source for kind, source in SUBMISSIONS[form.module_from] if kind == "code" and _defines(source)]
        (home / "fun.py").write_text("import numpy as np\nimport copy\n\n\n" + "\n\n\n".join(module) + "\n",
                                     encoding="utf-8")
    cells = formed(form)
    write = write_ipynb if suffix == ".ipynb" else write_py
    return write(cells, home / f"submission{suffix}")


# ---------------------------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------------------------

_MAGIC = re.compile(r"^(\s*)([%!])(.*)$")


def code_of(cells: list[Cell]) -> str:
    """The code cells joined, magics and shell lines kept as the notebook has them."""
    return "\n\n".join(source for kind, source in cells if kind == "code") + "\n"


def planted(mistake: Mistake) -> list[Cell]:
    """The base submission with ``mistake`` applied; raises ValueError unless ``old`` occurs exactly once."""
    cells = SUBMISSIONS[mistake.base]
    count = code_of(cells).count(mistake.old)
    if count != 1:
        raise ValueError(f"{mistake.id}: expected `old` exactly once in the code of {mistake.base!r}, found {count}")
    out = []
    for kind, source in cells:
        if kind == "code" and mistake.old in source:
            source = source.replace(mistake.old, mistake.new)
        out.append((kind, source))
    if out == cells:
        raise ValueError(f"{mistake.id}: `old` spans two cells of {mistake.base!r}")
    return out


def edited(source: str, edits) -> str:
    """``source`` with each (old, new) of ``edits`` replaced; each ``old`` must occur exactly once."""
    for old, new in edits:
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    return source


# ---------------------------------------------------------------------------------------------------------------
# Reading a report
# ---------------------------------------------------------------------------------------------------------------

def lines(report, function=None) -> list[str]:
    """A report's outcomes (of ``function``, or all) as "STATUS function quantity detail" lines."""
    return [f"{o.status} {o.function} {o.quantity} {o.detail}" for o in report.outcomes
            if function is None or o.function == function]


def bad(report, function=None) -> list[str]:
    """The lines that are neither a pass, a warning nor a caller following its callee: the FAILs and ERRORs."""
    return [line for line in lines(report, function) if not line.startswith(("PASS", "WARN", "FOLLOWS"))]


def _python_line(line: str) -> str:
    """One notebook line as ``nbconvert --to script`` writes it (IPython's magics as ``get_ipython()`` calls)."""
    if not line.strip():
        return ""  # IPython's input transformers empty the whitespace-only lines
    match = _MAGIC.match(line)
    if not match:
        return line
    indent, kind, rest = match.groups()
    if kind == "!":
        return f"{indent}get_ipython().system({rest!r})"
    name, _, args = rest.partition(" ")
    return f"{indent}get_ipython().run_line_magic({name!r}, {args!r})"


def write_py(cells: list[Cell], path: str | Path) -> Path:
    """``path`` as ``jupyter nbconvert --to script`` writes the notebook: markdown as comments, ``# In[ ]:`` markers."""
    parts = ["#!/usr/bin/env python\n# coding: utf-8\n\n"]
    for kind, source in cells:
        if kind == "markdown":
            parts.append("\n".join(f"# {line}" for line in source.split("\n")) + "\n\n")
        else:
            code = "\n".join(_python_line(line) for line in source.split("\n"))
            parts.append(f"# In[ ]:\n\n\n{code}\n\n\n")
    path = Path(path)
    path.write_text("".join(parts).rstrip("\n") + "\n", encoding="utf-8")
    return path


_PNG_1x1 = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def _outputs(source: str) -> list[dict]:
    """Plausible outputs (nbformat 4) for a cell that ran: the tests' verdict, the printed labels, a figure."""
    outputs: list[dict] = []
    printed = re.findall(r'print\s*\(\s*"([^"\\]*)', source)
    if printed:
        outputs.append({"name": "stdout", "output_type": "stream", "text": [f"{text}...\n" for text in printed]})
    if re.search(r"^\w+_test\w*\(", source, re.MULTILINE):
        outputs.append({"name": "stdout", "output_type": "stream", "text": ["\x1b[92m All tests passed.\n"]})
    if "plt." in source:
        outputs.append({"data": {"image/png": _PNG_1x1, "text/plain": ["<Figure size 360x288 with 1 Axes>"]},
                        "metadata": {"needs_background": "light"}, "output_type": "display_data"})
    return outputs


def _lines(source: str) -> list[str]:
    return source.splitlines(keepends=True)


def _v3_output(output: dict) -> dict:
    if output["output_type"] == "stream":
        return {"output_type": "stream", "stream": output["name"], "text": output["text"]}
    return {"output_type": "display_data", "metadata": {}, "png": output["data"]["image/png"],
            "text": output["data"]["text/plain"]}


def write_ipynb(cells: list[Cell], path: str | Path, nbformat: int = 4) -> Path:
    """A notebook as Jupyter saves it after a run: nbformat 4 (``cells``) or the older 3 (``worksheets[0].cells``)."""
    if nbformat not in (3, 4):
        raise ValueError(f"nbformat: expected 3 or 4, got {nbformat!r}")
    out_cells = []
    count = 0
    for kind, source in cells:
        if kind == "markdown":
            out_cells.append({"cell_type": "markdown", "metadata": {}, "source": _lines(source)})
            continue
        count += 1
        outputs = _outputs(source)
        if nbformat == 4:
            out_cells.append({"cell_type": "code", "execution_count": count, "metadata": {}, "outputs": outputs,
                              "source": _lines(source)})
        else:
            out_cells.append({"cell_type": "code", "collapsed": False, "input": _lines(source), "language": "python",
                              "metadata": {}, "outputs": [_v3_output(o) for o in outputs], "prompt_number": count})
    if nbformat == 4:
        notebook = {
            "cells": out_cells,
            "metadata": {
                "coursera": {"course_slug": "neural-networks-deep-learning"},
                "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                "language_info": {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                                  "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                                  "pygments_lexer": "ipython3", "version": "3.7.6"},
            },
            "nbformat": 4,
            "nbformat_minor": 4,
        }
    else:
        notebook = {"metadata": {"name": Path(path).stem, "signature": ""}, "nbformat": 3, "nbformat_minor": 0,
                    "worksheets": [{"cells": out_cells, "metadata": {}}]}
    path = Path(path)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------------------------
# A teacher's folder
# ---------------------------------------------------------------------------------------------------------------

_STUDENTS = ("alice", "bob", "chen", "dana", "emeka", "fatima", "gustavo", "hana", "ivan", "jia", "kofi", "lena",
             "mateo", "nadia", "oscar", "priya", "quentin", "rosa", "sven", "tomoko", "umar", "valentina", "wei",
             "ximena", "yusuf", "zoe", "aiko", "bruno", "carmen", "dmitri")

_LABELS = {
    "week2": ("week2", "Week2", "W2A2_Logistic_Regression"),
    "week2_v1": ("week2", "Logistic_Regression_v5"),
    "week3": ("week3", "W3A1", "Planar_data_classification"),
    "week3_v1": ("Week3", "planar_v5"),
    "week4": ("week4", "Step_by_Step_v4a"),
    "week4_v3": ("W4A1", "Week4_deep"),
    "app": ("app", "W4A2_Application", "Week4_app"),
}


def write_class(folder: str | Path, n: int = 30) -> list[Path]:
    """``n`` submissions in ``folder``, named like students' files: most correct, about a third with one planted
    mistake, two hostile (``infinite_loop``, ``os_exit``); mostly .ipynb (nbformat 4, a couple 3), some .py."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    hostile = {n // 4: "infinite_loop", (3 * n) // 4: "os_exit"} if n >= 4 else {}
    bases = list(SUBMISSIONS)
    paths = []
    correct = planted_count = 0
    for i in range(n):
        student = _STUDENTS[i % len(_STUDENTS)] + (str(i // len(_STUDENTS)) if i >= len(_STUDENTS) else "")
        if i in hostile:
            path = folder / f"{student}_week4.py"
            path.write_text(HOSTILE[hostile[i]], encoding="utf-8")
            paths.append(path)
            continue
        if i % 3 == 2:
            mistake = MISTAKES[planted_count % len(MISTAKES)]
            planted_count += 1
            base, cells = mistake.base, planted(mistake)
        else:
            base = bases[correct % len(bases)]
            correct += 1
            cells = SUBMISSIONS[base]
        labels = _LABELS[base]
        stem = f"{student}_{labels[i % len(labels)]}"
        if i % 6 == 5:
            paths.append(write_py(cells, folder / f"{stem}.py"))
        else:
            paths.append(write_ipynb(cells, folder / f"{stem}.ipynb", nbformat=3 if i % 13 == 4 else 4))
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.corpus DIR")
    written = write_class(sys.argv[1])
    print(f"{Path(sys.argv[1]).resolve()}: {len(written)} submissions")
